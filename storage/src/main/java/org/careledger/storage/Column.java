package org.careledger.storage;

import java.nio.charset.StandardCharsets;

/** The column families of a node's store. Block-derived families are compared byte for byte by verify. */
public enum Column {
    META("default", false),
    BLOCKS("blocks", true),
    TX_INDEX("tx_index", true),
    STATE("state", true),
    MERKLE("merkle", true),
    CERTIFICATES("certificates", false),
    BLOBS("blobs", false),
    /** Blobs of Raft entries appended but not yet applied, keyed by log index and SHA-256 (consensus' DataApi). */
    STAGED_BLOBS("staged_blobs", false);

    private final String familyName;
    private final boolean derivedFromBlocks;

    Column(String familyName, boolean derivedFromBlocks) {
        this.familyName = familyName;
        this.derivedFromBlocks = derivedFromBlocks;
    }

    public byte[] familyNameBytes() {
        return familyName.getBytes(StandardCharsets.UTF_8);
    }

    public String familyName() {
        return familyName;
    }

    /** True when re-executing the blocks from genesis must reproduce this family exactly. */
    public boolean derivedFromBlocks() {
        return derivedFromBlocks;
    }
}
