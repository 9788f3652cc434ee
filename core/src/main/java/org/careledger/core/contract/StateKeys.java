package org.careledger.core.contract;

/** The state key layout shared by the ledger and the contracts. Keys are '/'-separated UTF-8 strings. */
public final class StateKeys {
    public static final String IDENTITY_PREFIX = "id/";
    public static final String ORG_PREFIX = "org/";
    public static final String NONCE_PREFIX = "nonce/";

    private StateKeys() {}

    public static String identity(String identityId) {
        return IDENTITY_PREFIX + identityId;
    }

    public static String org(String orgId) {
        return ORG_PREFIX + orgId;
    }

    private static final String ZEROS = "00000000000000000000";

    /**
     * Nonces are zero-padded to 20 characters so a signer's nonces scan in numeric order: the bytes of
     * {@code String.format("%020d", nonce)} in ASCII digits, built without a Formatter (this runs for every
     * transaction at admission and again when it is applied) and without the default locale's digits.
     */
    public static String nonce(String signerId, long nonce) {
        String digits = Long.toString(nonce);
        StringBuilder key = new StringBuilder(NONCE_PREFIX.length() + signerId.length() + 21)
                .append(NONCE_PREFIX).append(signerId).append('/');
        if (nonce < 0) {
            // uint64 nonces above 2^63 - 1 arrive as negative longs: "-" then 19 digits, as %020d writes them
            return key.append('-').append(ZEROS, 0, Math.max(0, 20 - digits.length())).append(digits, 1, digits.length())
                    .toString();
        }
        return key.append(ZEROS, 0, Math.max(0, 20 - digits.length())).append(digits).toString();
    }
}
