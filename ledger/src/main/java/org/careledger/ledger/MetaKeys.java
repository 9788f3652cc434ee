package org.careledger.ledger;

import org.careledger.core.Hash;
import org.careledger.storage.Keys;

/** Keys of the META column: genesis bytes, head height and the last applied position of the ordered log. */
final class MetaKeys {
    static final byte[] GENESIS = Keys.utf8("genesis");
    static final byte[] HEAD = Keys.utf8("head");
    static final byte[] APPLIED_INDEX = Keys.utf8("applied_index");
    /** Prefix of blobs a valid transaction attached but this node did not receive (to fetch from a peer). */
    static final byte[] WANTED_BLOB_PREFIX = Keys.utf8("wanted_blob/");

    static byte[] wantedBlob(Hash sha256) {
        byte[] key = java.util.Arrays.copyOf(WANTED_BLOB_PREFIX, WANTED_BLOB_PREFIX.length + sha256.bytes().length);
        System.arraycopy(sha256.bytes(), 0, key, WANTED_BLOB_PREFIX.length, sha256.bytes().length);
        return key;
    }

    private MetaKeys() {}
}
