package org.careledger.core.claims;

/**
 * A billed service, diagnosis or product as a code in a code system (SNOMED CT, RxNorm, LOINC, CVX, …).
 *
 * @param system the code system URI, e.g. {@code http://snomed.info/sct}
 * @param code   the code in that system
 */
public record ServiceCode(String system, String code) {
    public ServiceCode {
        if (system == null || system.isBlank() || system.contains("|") || code == null || code.isBlank()
                || code.contains("|")) {
            throw new IllegalArgumentException("a service code needs a system and a code, neither containing '|'");
        }
    }

    /** {@code system|code}: the key of fee schedules, limits and fingerprints. */
    public String key() {
        return system + "|" + code;
    }

    /** Reads a {@link #key()} back. */
    public static ServiceCode ofKey(String key) {
        int bar = key == null ? -1 : key.indexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("a service code key is 'system|code', got '" + key + "'");
        }
        return new ServiceCode(key.substring(0, bar), key.substring(bar + 1));
    }
}
