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

    /** Nonces are zero-padded so a signer's nonces scan in numeric order. */
    public static String nonce(String signerId, long nonce) {
        return NONCE_PREFIX + signerId + "/" + String.format("%020d", nonce);
    }
}
