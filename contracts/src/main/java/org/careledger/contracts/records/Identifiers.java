package org.careledger.contracts.records;

import java.util.regex.Pattern;
import org.careledger.core.Hash;
import org.careledger.core.contract.ContractException;

/**
 * Formats of the identifiers the care contracts put in state keys and values. Ids never contain '/', so a key's
 * segments stay unambiguous; they are chosen by clients and must be opaque (a UUID or ULID), never a name or a
 * clinical word, because every node of the consortium sees them.
 */
public final class Identifiers {
    /** Record, grant and access ids. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** A patient's pseudonym; the patient signs as {@code patient/<patientId>}. */
    public static final Pattern PATIENT_ID = Pattern.compile("p-[a-z0-9]{6,40}");
    /** A FHIR R4 resourceType such as {@code Observation}. */
    public static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    /** A reference to an off-ledger document, e.g. the patient's verified erasure request. */
    public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#/-]{0,127}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Identifiers() {}

    public static String requireId(String value, String code, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ContractException(code, what + " '" + shown(value) + "' must match " + ID.pattern());
        }
        return value;
    }

    public static String requireResourceType(String value, String code) {
        if (value == null || !RESOURCE_TYPE.matcher(value).matches()) {
            throw new ContractException(code, "record type '" + shown(value)
                    + "' is not a FHIR resourceType such as Observation");
        }
        return value;
    }

    /** A blob id: SHA-256 as 64 lowercase hex digits (one spelling, so one state key per blob). */
    public static Hash requireSha256(String hex, String code, String what) {
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw new ContractException(code, what + " must be a SHA-256 as 64 lowercase hex digits, got '"
                    + shown(hex) + "'");
        }
        return Hash.fromHex(hex);
    }

    /** Echoes bad input in a message without letting a huge argument bloat the block. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
