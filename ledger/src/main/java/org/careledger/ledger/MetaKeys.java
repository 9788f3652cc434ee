package org.careledger.ledger;

import org.careledger.storage.Keys;

/** Keys of the META column: genesis bytes, head height and the last applied position of the ordered log. */
final class MetaKeys {
    static final byte[] GENESIS = Keys.utf8("genesis");
    static final byte[] HEAD = Keys.utf8("head");
    static final byte[] APPLIED_INDEX = Keys.utf8("applied_index");

    private MetaKeys() {}
}
