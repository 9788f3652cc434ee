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
    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Identifiers() {}

    // The checks below run for every record a block applies; they accept exactly what the patterns above match
    // (IdentifiersTest compares them on generated strings) without a regex engine per call.

    /** True if {@code value} matches {@link #ID}. */
    public static boolean isId(String value) {
        return value != null && runOf(value, 128, Identifiers::alnum, c -> alnum(c) || c == '.' || c == '_' || c == '-');
    }

    /** True if {@code value} matches {@link #PATIENT_ID}. */
    public static boolean isPatientId(String value) {
        if (value == null || value.length() < 8 || value.length() > 42 || !value.startsWith("p-")) {
            return false;
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code value} matches {@link #RESOURCE_TYPE}. */
    public static boolean isResourceType(String value) {
        return value != null && runOf(value, 64, c -> c >= 'A' && c <= 'Z', c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    /** True if {@code value} matches {@link #REFERENCE}. */
    public static boolean isReference(String value) {
        return value != null && runOf(value, 128, Identifiers::alnum,
                c -> alnum(c) || c == '.' || c == '_' || c == ':' || c == '#' || c == '/' || c == '-');
    }

    /** True if {@code value} is 64 lowercase hex digits (see {@link Hash#isLowercaseHex}). */
    public static boolean isSha256Hex(String value) {
        return Hash.isLowercaseHex(value);
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean runOf(String value, int maxLength, CharTest first, CharTest rest) {
        int n = value.length();
        if (n == 0 || n > maxLength || !first.test(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (!rest.test(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    public static String requireId(String value, String code, String what) {
        if (!isId(value)) {
            throw new ContractException(code, what + " '" + shown(value) + "' must match " + ID.pattern());
        }
        return value;
    }

    public static String requireResourceType(String value, String code) {
        if (!isResourceType(value)) {
            throw new ContractException(code, "record type '" + shown(value)
                    + "' is not a FHIR resourceType such as Observation");
        }
        return value;
    }

    /** A blob id: SHA-256 as 64 lowercase hex digits (one spelling, so one state key per blob). */
    public static Hash requireSha256(String hex, String code, String what) {
        if (!isSha256Hex(hex)) {
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
