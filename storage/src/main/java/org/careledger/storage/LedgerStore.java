package org.careledger.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.careledger.core.CareledgerException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A node's RocksDB database. All writes of a block go through {@link #write(WriteSet)} as one WriteBatch, synced
 * to the WAL before it returns, so a crash leaves either the whole block or none of it.
 */
public final class LedgerStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final boolean readOnly;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final BloomFilter bloomFilter;
    private final LRUCache blockCache;
    private final RocksDB db;
    private final Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
    private final WriteOptions syncWrite;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LedgerStore(Path dir, boolean readOnly) {
        this(dir, readOnly, WALRecoveryMode.AbsoluteConsistency, true);
    }

    private LedgerStore(Path dir, boolean readOnly, WALRecoveryMode walRecovery, boolean durable) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(!readOnly)
                .setCreateMissingColumnFamilies(!readOnly)
                .setParanoidChecks(true)
                // a damaged WAL must fail the open, not silently drop the blocks after the damage
                .setWalRecoveryMode(walRecovery)
                .setMaxOpenFiles(512)
                .setKeepLogFileNum(3);
        // Most point reads on the hot path miss: every transaction asks for its (signer, nonce) key at admission and
        // again at apply, for its tx id in the tx index, and a contract usually for the key it is about to create.
        // Without filters a miss searches every overlapping SST; whole-key Bloom filters (SSTs and memtables)
        // answer most misses from memory. Filters change which files are read, never what a read returns.
        this.bloomFilter = new BloomFilter(10, false);
        this.blockCache = new LRUCache(64L * 1024 * 1024);
        this.cfOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloomFilter)
                        .setWholeKeyFiltering(true).setBlockCache(blockCache))
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(0.05);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (Column c : Column.values()) {
            descriptors.add(new ColumnFamilyDescriptor(c.familyNameBytes(), cfOptions));
        }
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        try {
            if (!readOnly) {
                Files.createDirectories(dir);
            }
            this.db = readOnly
                    ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, opened)
                    : RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
        } catch (RocksDBException e) {
            cfOptions.close();
            dbOptions.close();
            bloomFilter.close();
            blockCache.close();
            throw missingManifest(dir).orElseGet(() -> translate("cannot open the store at " + dir, e));
        } catch (java.io.IOException e) {
            throw new CareledgerException("STORE_UNAVAILABLE", "cannot create " + dir + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < Column.values().length; i++) {
            handles.put(Column.values()[i], opened.get(i));
        }
        // a durable store syncs every block to its WAL; a scratch store (verify's re-execution) has neither
        this.syncWrite = durable ? new WriteOptions().setSync(true) : new WriteOptions().setSync(false).setDisableWAL(true);
    }

    public static LedgerStore open(Path dir) {
        return new LedgerStore(dir, false);
    }

    /**
     * A throwaway store for re-execution (verify): writes are neither synced nor logged to a WAL, so a crash loses
     * it — it is deleted afterwards anyway — and a replay is not bound by the disk's sync rate.
     */
    public static LedgerStore openScratch(Path dir) {
        return new LedgerStore(dir, false, WALRecoveryMode.AbsoluteConsistency, false);
    }

    /** Opens an existing store without changing it (used by verify); fails if it does not exist. */
    public static LedgerStore openReadOnly(Path dir) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            throw new CareledgerException("STORE_NOT_FOUND", "no careledger store at " + dir);
        }
        return new LedgerStore(dir, true);
    }

    /**
     * Makes a file-by-file copy of a store that was in use while it was copied ready for {@link #open}: its last WAL
     * may end in a record torn by the copy, so it is opened once keeping the whole blocks before that record (each
     * block is one WriteBatch, so the result is a store as of some block), flushed to table files and closed.
     * Never call this on a live store: a torn record there is damage, and {@link #open} refuses it.
     */
    public static void recoverCopy(Path dir) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            throw new CareledgerException("STORE_NOT_FOUND", "no careledger store at " + dir);
        }
        try (LedgerStore copy = new LedgerStore(dir, false, WALRecoveryMode.PointInTimeRecovery, true)) {
            copy.flush();
        }
    }

    /**
     * Reopens a store whose last write failed (no space left on the device) keeping every whole block before the
     * failed one: RocksDB's WAL may end in the record it could not finish, which {@link #open} would take for damage.
     * That record was never acknowledged (the failure stopped the node before it applied the block), and each block
     * is one WriteBatch with the applied log index, so the store is as of the last block it applied and the node
     * re-applies the rest from its Raft log. Only for a node restarting itself after such a failure.
     */
    public static void recoverAfterFailedWrite(Path dir) {
        recoverCopy(dir);
    }

    /** RocksDB reports a manifest that CURRENT names but that is gone as a plain I/O error; for a store it is damage. */
    private static Optional<CareledgerException> missingManifest(Path dir) {
        try {
            String name = Files.readString(dir.resolve("CURRENT"), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
            return Files.isRegularFile(dir.resolve(name)) ? Optional.empty() : Optional.of(new StoreCorruptedException(
                    "cannot open the store at " + dir + ": CURRENT names '" + name + "', which is missing"));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Bytes the store holds now: its live table files plus its memtables, summed over column families (RocksDB's
     * {@code rocksdb.live-sst-files-size} and {@code rocksdb.cur-size-all-mem-tables}); -1 if RocksDB cannot say.
     */
    public long liveBytes() {
        long total = 0;
        try {
            for (ColumnFamilyHandle h : handles.values()) {
                total += db.getLongProperty(h, "rocksdb.live-sst-files-size")
                        + db.getLongProperty(h, "rocksdb.cur-size-all-mem-tables");
            }
            return total;
        } catch (RocksDBException | RuntimeException e) {
            return -1; // a closed store or a property this RocksDB lacks: a gauge, not a failure
        }
    }

    public Optional<byte[]> get(Column column, byte[] key) {
        try {
            return Optional.ofNullable(db.get(handles.get(column), key));
        } catch (RocksDBException e) {
            throw translate("cannot read " + column.familyName(), e);
        }
    }

    /** Entries whose key starts with the prefix, in key order, at most limit. */
    public TreeMap<byte[], byte[]> scan(Column column, byte[] prefix, int limit) {
        TreeMap<byte[], byte[]> out = new TreeMap<>(java.util.Arrays::compareUnsigned);
        forEach(column, prefix, limit, out::put);
        return out;
    }

    public void forEach(Column column, byte[] prefix, long limit, BiConsumer<byte[], byte[]> action) {
        try (ReadOptions ro = new ReadOptions().setVerifyChecksums(true);
             RocksIterator it = db.newIterator(handles.get(column), ro)) {
            long n = 0;
            for (it.seek(prefix); it.isValid() && n < limit; it.next(), n++) {
                byte[] key = it.key();
                if (!startsWith(key, prefix)) {
                    break;
                }
                action.accept(key, it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw translate("cannot scan " + column.familyName(), e);
        }
    }

    public StoreCursor cursor(Column column) {
        ReadOptions ro = new ReadOptions().setVerifyChecksums(true);
        return new StoreCursor(ro, db.newIterator(handles.get(column), ro), column.familyName());
    }

    /** Last key/value of a column (e.g. the highest block), if any. */
    public Optional<Map.Entry<byte[], byte[]>> last(Column column) {
        try (RocksIterator it = db.newIterator(handles.get(column))) {
            it.seekToLast();
            if (!it.isValid()) {
                it.status();
                return Optional.empty();
            }
            return Optional.of(Map.entry(it.key(), it.value()));
        } catch (RocksDBException e) {
            throw translate("cannot read " + column.familyName(), e);
        }
    }

    public void write(WriteSet writes) {
        requireWritable();
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<Column, List<WriteSet.Put>> e : writes.entries()) {
                ColumnFamilyHandle h = handles.get(e.getKey());
                for (WriteSet.Put p : e.getValue()) {
                    if (p.value() == null) {
                        batch.delete(h, p.key());
                    } else {
                        batch.put(h, p.key(), p.value());
                    }
                }
            }
            db.write(syncWrite, batch);
        } catch (RocksDBException e) {
            throw translate("cannot write to the store", e);
        }
    }

    /** Removes keys physically: delete, then {@link #compact} so no file keeps the old bytes. */
    public void purge(Column column, List<byte[]> keys) {
        requireWritable();
        WriteSet ws = new WriteSet();
        keys.forEach(k -> ws.delete(column, k));
        write(ws);
        compact(column);
    }

    /**
     * Makes deleted values of a column leave the disk: flushes every column (the WAL is shared, and a WAL file is
     * only dropped once all columns are flushed past it), then compacts the column so no SST keeps the old bytes.
     */
    public void compact(Column column) {
        requireWritable();
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, new ArrayList<>(handles.values()));
            db.flushWal(true);
            db.compactRange(handles.get(column));
        } catch (RocksDBException e) {
            throw translate("cannot compact " + column.familyName(), e);
        }
    }

    /**
     * Reads every block of every SST file and checks its checksum, and requires every SST file in the directory to
     * be one the manifest lists: a truncated or older MANIFEST can describe a consistent but shorter store, and the
     * table files it no longer names are the trace of that rollback. A node still writing the store adds files its
     * manifest lists a moment later, so a file counts only if a second, fresh view of the manifest misses it too.
     */
    public void verifyChecksums() {
        try {
            db.verifyChecksum();
        } catch (RocksDBException e) {
            throw translate("checksum verification failed", e);
        }
        List<String> unlisted = unlistedTableFiles(liveTableFiles());
        if (unlisted.isEmpty()) {
            return;
        }
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        java.util.Set<String> again;
        try (LedgerStore fresh = new LedgerStore(dir, true)) {
            again = fresh.liveTableFiles();
        }
        List<String> still = unlistedTableFiles(again).stream().filter(unlisted::contains).toList();
        if (!still.isEmpty()) {
            throw new StoreCorruptedException("the store at " + dir + " holds table files its manifest does not list "
                    + still + " (a truncated, replaced or older MANIFEST?)");
        }
    }

    private java.util.Set<String> liveTableFiles() {
        java.util.Set<String> live = new java.util.HashSet<>();
        for (org.rocksdb.LiveFileMetaData f : db.getLiveFilesMetaData()) {
            live.add(Path.of(f.fileName()).getFileName().toString());
        }
        return live;
    }

    private List<String> unlistedTableFiles(java.util.Set<String> live) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sst"))
                    .filter(n -> !live.contains(n)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new StoreCorruptedException("cannot list the store at " + dir + ": " + e.getMessage());
        }
    }

    /** A consistent copy of the whole store (hard links where possible), for snapshots and backups. */
    public void checkpoint(Path target) {
        try (Checkpoint cp = Checkpoint.create(db)) {
            cp.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw translate("cannot checkpoint to " + target, e);
        }
    }

    public void flush() {
        if (readOnly) {
            return;
        }
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, new ArrayList<>(handles.values()));
        } catch (RocksDBException e) {
            throw translate("cannot flush", e);
        }
    }

    /** Idempotent: the ledger and its owner may both close the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            flush();
        } finally {
            handles.values().forEach(ColumnFamilyHandle::close);
            db.close();
            syncWrite.close();
            cfOptions.close();
            dbOptions.close();
            bloomFilter.close();
            blockCache.close();
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException("store at " + dir + " is open read-only");
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        return java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static CareledgerException translate(String what, RocksDBException e) {
        Status s = e.getStatus();
        Status.Code code = s == null ? null : s.getCode();
        String detail = e.getMessage() == null ? String.valueOf(code) : e.getMessage();
        if (code == Status.Code.Corruption || detail.contains("orruption") || detail.contains("checksum")) {
            return new StoreCorruptedException(what + ": RocksDB reports corruption (" + detail + ")", e);
        }
        if (code == Status.Code.IOError && detail.contains("lock")) {
            return new CareledgerException("STORE_LOCKED", what + ": another process (a running node?) holds the store lock", e);
        }
        return new CareledgerException("STORE_ERROR", what + ": " + detail, e);
    }
}
