package org.careledger.core.publichealth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed linkage tokens: HMAC-SHA256 of normalized demographics under the epoch's linkage key, which only the
 * authority and the reporting provider orgs hold. A plain hash would not do: the demographic space is small enough to
 * enumerate, a keyed hash cannot be computed without the key (docs/PUBLIC_HEALTH.md).
 */
public final class LinkageTokens {
    public static final int KEY_BYTES = 32;
    private static final String TAG = "careledger/health/linkage/v1\n";

    private LinkageTokens() {}

    /** 64 lowercase hex. */
    public static String token(byte[] key, Demographics person) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a linkage key is " + KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((TAG + person.normalized()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
