package org.careledger.client;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.careledger.api.SubmitResponse;
import org.careledger.core.CareledgerException;

/** Helpers the typed clients share: fresh opaque ids, and turning a rejected submission into its coded error. */
public final class Submissions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Submissions() {}

    /** A fresh opaque id: prefix + 128 random bits. */
    public static String newId(String prefix) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** The response if the transaction is valid; otherwise its error code (TX_REJECTED if it has none) is thrown. */
    public static SubmitResponse requireValid(SubmitResponse r, String what) {
        if (!r.valid()) {
            String code = r.errorCode() == null || r.errorCode().isBlank() ? r.code() : r.errorCode();
            throw new CareledgerException(code == null ? "TX_REJECTED" : code, what + " failed: " + r.message());
        }
        return r;
    }
}
