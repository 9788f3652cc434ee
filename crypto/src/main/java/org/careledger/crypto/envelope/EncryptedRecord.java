package org.careledger.crypto.envelope;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sealed record and the fresh data key that opens it. The ciphertext is Tink's AES-GCM format, {@code IV (12) ||
 * ciphertext || tag (16)}, and may go anywhere; the data key must only leave wrapped (see {@link KeyWrap}).
 */
public record EncryptedRecord(byte[] ciphertext, byte[] dataKey) {
    public EncryptedRecord {
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
        dataKey = Objects.requireNonNull(dataKey, "dataKey").clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public byte[] dataKey() {
        return dataKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedRecord that && Arrays.equals(ciphertext, that.ciphertext)
                && Arrays.equals(dataKey, that.dataKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ciphertext) + Arrays.hashCode(dataKey);
    }

    /** Never prints the key: records end up in logs more often than anyone intends. */
    @Override
    public String toString() {
        return "EncryptedRecord[" + ciphertext.length + " ciphertext bytes, data key redacted]";
    }
}
