package org.careledger.epcis.gs1;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pharmacist's scanner reads from the GS1 DataMatrix on a medicine pack: product code (01), expiry (17),
 * batch (10) and serial (21). It is the input of pharmacy verification, which checks the serial on the ledger
 * and the batch and expiry against what the manufacturer recorded at commissioning.
 *
 * @param sgtin the pack
 * @param lot the batch/lot number (AI 10), if printed
 * @param expiry the expiry date (AI 17), if printed
 */
public record PackLabel(Sgtin sgtin, Optional<String> lot, Optional<LocalDate> expiry) {
    /** AI 17 years are read as 20YY: medicines on the market expire this century. */
    private static final int CENTURY = 2000;

    public PackLabel {
        Objects.requireNonNull(sgtin, "sgtin");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(expiry, "expiry");
        lot.ifPresent(l -> Cset82.require(l, "lot (AI 10)", Gs1ErrorCode.GS1_BAD_LOT));
        expiry.ifPresent(d -> {
            if (d.getYear() < CENTURY || d.getYear() >= CENTURY + 100) {
                throw Gs1ErrorCode.GS1_BAD_DATE.exception("expiry " + d + " cannot be written as YYMMDD (AI 17)");
            }
        });
    }

    /**
     * Reads a pack and whatever lot and expiry its identifier carries, in any syntax: an EPC URI (neither), a GS1
     * Digital Link (lot from the {@code /10/} key qualifier or a {@code 10=} query attribute, expiry from a
     * {@code 17=YYMMDD} query attribute), or an element string in either form. A lot given both in the path and in
     * the query must agree ({@code GS1_MALFORMED_DIGITAL_LINK} otherwise).
     */
    public static PackLabel read(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> new PackLabel(Sgtin.fromEpcUri(text), Optional.empty(), Optional.empty());
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> parse(text);
        };
    }

    private static PackLabel fromDigitalLink(String uri) {
        DigitalLink link = DigitalLink.parse(uri);
        Sgtin sgtin = Sgtin.fromDigitalLink(link);
        Optional<String> lot = link.qualifier("10");
        Optional<LocalDate> expiry = Optional.empty();
        int q = uri.indexOf('?');
        if (q >= 0) {
            String query = uri.substring(q + 1);
            int hash = query.indexOf('#');
            query = hash < 0 ? query : query.substring(0, hash);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (pair.isEmpty() || eq <= 0) {
                    continue;
                }
                String ai = pair.substring(0, eq);
                String value = DigitalLink.decode(uri, pair.substring(eq + 1));
                switch (ai) {
                    case "10" -> {
                        if (lot.isPresent() && !lot.get().equals(value)) {
                            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("'" + uri + "' names lot "
                                    + lot.get() + " in its path and lot " + value + " in its query");
                        }
                        lot = Optional.of(value);
                    }
                    case "17" -> {
                        if (!value.matches("[0-9]{6}")) {
                            throw Gs1ErrorCode.GS1_BAD_DATE.exception("'" + uri + "': 17=" + value
                                    + " is not a YYMMDD date");
                        }
                        expiry = Optional.of(parseYymmdd(value));
                    }
                    default -> { } // other data attributes and link types say nothing about the pack's identity
                }
            }
        }
        return new PackLabel(sgtin, lot, expiry);
    }

    /** Parses the human-readable or the scanned element string (with GS separators and a {@code ]d2} prefix). */
    public static PackLabel parse(String elementString) {
        ElementString es = ElementString.parse(elementString);
        Sgtin sgtin = new Sgtin(new Gtin(es.require("01", "GTIN")), es.require("21", "serial"));
        return new PackLabel(sgtin, es.value("10"), es.value("17").map(PackLabel::parseYymmdd));
    }

    /**
     * Reads a GS1 YYMMDD date. Day 00 means the last day of the month, as GS1 allows for expiry dates. The
     * century is fixed rather than GS1's sliding window so that parsing does not depend on today's date.
     */
    static LocalDate parseYymmdd(String yymmdd) {
        int year = CENTURY + Integer.parseInt(yymmdd.substring(0, 2));
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        try {
            YearMonth ym = YearMonth.of(year, month);
            return day == 0 ? ym.atEndOfMonth() : ym.atDay(day);
        } catch (DateTimeException e) {
            throw Gs1ErrorCode.GS1_BAD_DATE.exception("(17) " + yymmdd + " is not a valid YYMMDD date");
        }
    }

    /** {@code (01)...(17)...(10)...(21)...}: fixed-length fields first, as GS1 recommends for barcodes. */
    public String toElementString() {
        StringBuilder out = new StringBuilder(sgtin.gtin().toElementString());
        expiry.ifPresent(d -> out.append("(17)").append(String.format("%02d%02d%02d",
                d.getYear() - CENTURY, d.getMonthValue(), d.getDayOfMonth())));
        lot.ifPresent(l -> out.append("(10)").append(l));
        return out.append("(21)").append(sgtin.serial()).toString();
    }
}
