package org.careledger.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.careledger.core.CareledgerException;

/**
 * The bearer token the gateway's callers present, read from a file only its owner may read (0600 or stricter) and
 * compared in constant time: both sides are hashed first, so neither the content nor the length leaks through timing.
 */
public final class GatewayToken {
    /** Shortest token accepted: 32 characters (e.g. 24 random bytes in base64). */
    public static final int MIN_LENGTH = 32;

    private final byte[] digest;

    private GatewayToken(byte[] digest) {
        this.digest = digest;
    }

    public static GatewayToken of(String token) {
        if (token == null || token.length() < MIN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
            throw new CareledgerException("GATEWAY_TOKEN_INVALID", "the gateway's token must be at least " + MIN_LENGTH
                    + " printable characters without spaces");
        }
        return new GatewayToken(sha256(token));
    }

    /** Reads the token file (its first line, trimmed); refused if group or others may read or write it. */
    public static GatewayToken read(Path file) {
        try {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                for (PosixFilePermission p : perms) {
                    if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
                        throw new CareledgerException("GATEWAY_TOKEN_INSECURE", "the token file " + file
                                + " is readable or writable by others (" + java.nio.file.attribute.PosixFilePermissions
                                .toString(perms) + "): chmod 600 it");
                    }
                }
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: its ACLs are the operator's to set
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return of((nl < 0 ? text : text.substring(0, nl)).trim());
        } catch (IOException e) {
            throw new CareledgerException("GATEWAY_TOKEN_INVALID", "cannot read the token file " + file + ": " + e);
        }
    }

    /** Whether {@code presented} is the token, in time independent of where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
