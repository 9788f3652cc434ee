package org.careledger.storage;

import org.careledger.core.CareledgerException;

/** RocksDB reported corruption (bad checksum, truncated file, unreadable manifest) or a stored value is malformed. */
public class StoreCorruptedException extends CareledgerException {
    public StoreCorruptedException(String message, Throwable cause) {
        super("STORE_CORRUPTED", message, cause);
    }

    public StoreCorruptedException(String message) {
        super("STORE_CORRUPTED", message);
    }
}
