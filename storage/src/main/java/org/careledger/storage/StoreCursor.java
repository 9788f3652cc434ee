package org.careledger.storage;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** Walks one column in key order; verify uses two of these to compare a store with its re-execution. */
public final class StoreCursor implements AutoCloseable {
    private final ReadOptions options;
    private final RocksIterator it;
    private final String what;

    StoreCursor(ReadOptions options, RocksIterator it, String what) {
        this.options = options;
        this.it = it;
        this.what = what;
        it.seekToFirst();
        check();
    }

    public boolean valid() {
        return it.isValid();
    }

    public byte[] key() {
        return it.key();
    }

    public byte[] value() {
        return it.value();
    }

    public void next() {
        it.next();
        check();
    }

    private void check() {
        if (!it.isValid()) {
            try {
                it.status();
            } catch (RocksDBException e) {
                throw LedgerStore.translate("cannot read " + what, e);
            }
        }
    }

    @Override
    public void close() {
        it.close();
        options.close();
    }
}
