package org.careledger.api.auth;

import java.util.Base64;
import org.careledger.core.Hash;

/** RFC 9530 {@code Content-Digest} with SHA-256, the one algorithm careledger sends and accepts. */
public final class ContentDigest {
    public static final String HEADER = "Content-Digest";

    private ContentDigest() {}

    /** The header value for these body bytes: {@code sha-256=:BASE64:}. */
    public static String of(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(Hash.sha256(body).bytes()) + ":";
    }

    /** Whether a received header value names exactly these bytes (other algorithms in the header are ignored). */
    public static boolean matches(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String want = of(body);
        for (String member : header.split(",")) {
            if (member.strip().equals(want)) {
                return true;
            }
        }
        return false;
    }
}
