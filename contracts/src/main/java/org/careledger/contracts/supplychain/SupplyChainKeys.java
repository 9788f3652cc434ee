package org.careledger.contracts.supplychain;

import java.nio.charset.StandardCharsets;
import org.careledger.core.Hash;

/**
 * The supply chain's state layout. Serials and lots may contain '/' and '%' (GS1 character set 82), so they are
 * percent-escaped inside keys; GTINs (14 digits) and SSCCs (18 digits) never need it.
 * <pre>
 * unit/GTIN/SERIAL                      TrackedObject of a pack
 * container/SSCC                        TrackedObject of a case or pallet
 * unit-events/GTIN/SERIAL/SEQ           CustodyEvent, SEQ = 10 digits from 1
 * container-events/SSCC/SEQ             CustodyEvent
 * lot/GTIN/LOT                          LotRecord (expiry, count, recall)
 * company-prefix/DIGITS                 CompanyPrefixRecord registered after genesis
 * suspect/HEIGHT/TXID/INDEX             SuspectRecord (HEIGHT 12 digits, INDEX 5 digits)
 * suspect-by-object/OBJECTKEY/HEIGHT-TXID-INDEX   pointer to a suspect record naming that object
 * epcis-event/SHA256(eventID)           EpcisEventRecord: an accepted eventID, so a re-sent one is not applied twice
 * </pre>
 */
public final class SupplyChainKeys {
    public static final String UNIT = "unit/";
    public static final String CONTAINER = "container/";
    public static final String UNIT_EVENTS = "unit-events/";
    public static final String CONTAINER_EVENTS = "container-events/";
    public static final String LOT = "lot/";
    public static final String COMPANY_PREFIX = "company-prefix/";
    public static final String SUSPECT = "suspect/";
    public static final String SUSPECT_BY_OBJECT = "suspect-by-object/";
    public static final String EPCIS_EVENT = "epcis-event/";

    private SupplyChainKeys() {}

    public static String unit(String gtin, String serial) {
        return UNIT + gtin + "/" + escape(serial);
    }

    public static String container(String sscc) {
        return CONTAINER + sscc;
    }

    /** Prefix of the custody events of an object (ends with '/'); entries follow in sequence order. */
    public static String eventsPrefix(String objectKey) {
        if (objectKey.startsWith(UNIT)) {
            return UNIT_EVENTS + objectKey.substring(UNIT.length()) + "/";
        }
        if (objectKey.startsWith(CONTAINER)) {
            return CONTAINER_EVENTS + objectKey.substring(CONTAINER.length()) + "/";
        }
        throw new IllegalArgumentException("not an object key: " + objectKey);
    }

    public static String event(String objectKey, long seq) {
        return eventsPrefix(objectKey) + digits(seq, 10);
    }

    public static String lot(String gtin, String lot) {
        return LOT + gtin + "/" + escape(lot);
    }

    public static String companyPrefix(String digits) {
        return COMPANY_PREFIX + digits;
    }

    public static String suspect(long height, Hash txId, int index) {
        return SUSPECT + digits(height, 12) + "/" + txId.hex() + "/" + digits(index, 5);
    }

    public static String suspectsOf(String objectKey) {
        return SUSPECT_BY_OBJECT + objectKey + "/";
    }

    public static String suspectOf(String objectKey, long height, Hash txId, int index) {
        return suspectsOf(objectKey) + digits(height, 12) + "-" + txId.hex() + "-"
                + digits(index, 5);
    }

    public static String epcisEvent(String eventId) {
        return EPCIS_EVENT + Hash.sha256(eventId.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /**
     * A number zero-padded to {@code width} ASCII digits, so keys sort numerically. Not String.format, whose
     * digits follow the JVM's default locale (every node must write the same key).
     */
    public static String digits(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative key number " + value);
        }
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Escapes '%' and '/' so that a serial or lot is exactly one key segment. */
    public static String escape(String segment) {
        return segment.replace("%", "%25").replace("/", "%2F");
    }
}
