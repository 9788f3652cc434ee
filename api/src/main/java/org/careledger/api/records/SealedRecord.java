package org.careledger.api.records;

import org.careledger.core.Hash;

/** A record encrypted for the ledger: the ciphertext blob and the key bundle blob, with their hashes. */
public record SealedRecord(String recordId, byte[] ciphertext, KeyBundle keys) {
    public Hash ciphertextSha256() {
        return Hash.sha256(ciphertext);
    }

    public byte[] keysBlob() {
        return keys.toBytes();
    }

    public Hash keysSha256() {
        return keys.sha256();
    }
}
