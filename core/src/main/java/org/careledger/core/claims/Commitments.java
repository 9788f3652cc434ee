package org.careledger.core.claims;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;

/**
 * Hash commitments to claim values: SHA-256 over a domain tag, a 32-byte random nonce (hiding: the value cannot be
 * guessed from the commitment) and the value's canonical JSON (binding). The nonce travels encrypted with the value.
 */
public final class Commitments {
    public static final int NONCE_BYTES = 32;
    private static final String TAG = "careledger/claims/commit/v1\n";

    private Commitments() {}

    /** 64 lowercase hex. */
    public static String commit(byte[] nonce, Object value) {
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a commitment nonce is " + NONCE_BYTES + " random bytes");
        }
        byte[] head = (TAG + HexFormat.of().formatHex(nonce) + "\n").getBytes(StandardCharsets.UTF_8);
        return Hash.sha256(head, CanonicalJson.encode(value)).hex();
    }

    /** What a payment commits to: its id and the amount paid. */
    public record PaymentAmount(String paymentId, long amountCents) {}
}
