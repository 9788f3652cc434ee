package org.careledger.core.research;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of the JDK over a UTF-8 message. */
final class Hmacs {
    static final int KEY_BYTES = 32;

    private Hmacs() {}

    static byte[] hmac(byte[] key, String what, String message) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " is " + KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
