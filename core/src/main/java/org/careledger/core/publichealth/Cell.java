package org.careledger.core.publichealth;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.HexFormat;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;

/**
 * Where a case counts in an aggregate: its condition, the ISO week of the finding and the area (county FIPS or
 * three-digit ZIP). A report commits to its cell on the ledger ({@link #commitment}) without revealing it.
 */
public record Cell(String condition, String week, String area) {
    public static final int NONCE_BYTES = 32;
    private static final String TAG = "careledger/health/cell/v1\n";

    /** {@code 2024-W07}: ISO week-based year and week. */
    public static String isoWeek(LocalDate day) {
        return String.format(java.util.Locale.ROOT, "%04d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The county when known ({@code county-<FIPS>}), else the three-digit ZIP ({@code zip3-<nnn>}), else unknown. */
    public static String area(String countyFips, String zip) {
        if (countyFips != null && countyFips.matches("[0-9]{5}")) {
            return "county-" + countyFips;
        }
        String zip5 = Demographics.zip5(zip);
        return zip5.isEmpty() ? "unknown" : "zip3-" + zip5.substring(0, 3);
    }

    /** SHA-256 over a tag, the nonce and the cell's canonical JSON: hiding (random nonce) and binding. */
    public String commitment(byte[] nonce) {
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a cell commitment nonce is " + NONCE_BYTES + " random bytes");
        }
        byte[] head = (TAG + HexFormat.of().formatHex(nonce) + "\n").getBytes(StandardCharsets.UTF_8);
        return Hash.sha256(head, CanonicalJson.encode(this)).hex();
    }
}
