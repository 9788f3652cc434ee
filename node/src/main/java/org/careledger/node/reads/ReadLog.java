package org.careledger.node.reads;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A node's hash-chained log of API reads of patient-scoped data, in its own RocksDB instance (by convention
 * {@code <nodeDir>/reads}) so the ledger store stays exactly what verify re-derives from the chain.
 *
 * <p>Keys, all UTF-8: {@code e/<seq>} → the entry's stored bytes ({@link ReadEntry}); {@code p/<patientId>/<seq>} →
 * empty (the per-patient index); {@code h} → the head {@code {"hash":…,"seq":N}} (absent while the log is empty).
 * {@code <seq>} is 16 decimal digits, zero-padded, so key order is seq order. An append writes all three keys in
 * one WriteBatch, so a crash leaves the whole entry or none of it.
 *
 * <p>Thread-safe: appends are serialized (seq and prevHash are assigned under one lock), reads run concurrently.
 */
public final class ReadLog implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** The log's directory name inside a node directory. */
    public static final String DIR_NAME = "reads";
    private static final String ENTRY_PREFIX = "e/";
    private static final String INDEX_PREFIX = "p/";
    private static final String HEAD_KEY = "h";

    record Head(long seq, String hash) {}

    private final Path dir;
    private final Clock clock;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    /** Serializes appends; the ReentrantLock (not synchronized) keeps a virtual thread from pinning its carrier. */
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Reads and appends hold it shared; close holds it exclusively so no native handle is used after close. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile ReadEntry last;
    private boolean closed;

    private ReadLog(Path dir, boolean sync, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        // PointInTimeRecovery (RocksDB's default): after a power loss with sync off the WAL may end in a torn
        // record; the log then opens with the entries before it instead of refusing to open at all.
        this.options = new Options().setCreateIfMissing(true).setParanoidChecks(true)
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery).setKeepLogFileNum(3);
        // The WAL is always on, so an entry is in the OS's hands before append returns and survives kill -9.
        // Without sync a power loss (or kernel crash) can still lose the last entries written before it.
        this.writeOptions = new WriteOptions().setSync(sync).setDisableWAL(false);
        try {
            Files.createDirectories(dir);
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            writeOptions.close();
            options.close();
            throw translate("cannot open the read log at " + dir, e);
        } catch (java.io.IOException e) {
            writeOptions.close();
            options.close();
            throw new CareledgerException("READ_LOG_UNAVAILABLE", "cannot create " + dir + ": " + e.getMessage(), e);
        }
        try {
            this.last = loadHead(db);
        } catch (RuntimeException e) {
            db.close();
            writeOptions.close();
            options.close();
            throw e;
        }
    }

    /** Opens (creating if needed) the read log in dir; writes go to the WAL without fsync. */
    public static ReadLog open(Path dir) {
        return open(dir, false, Clock.systemUTC());
    }

    /**
     * Opens the read log in dir. With {@code sync} every append fsyncs the WAL before it returns (survives power
     * loss, costs a disk flush per read); without it an append survives a process crash but not a power loss.
     */
    public static ReadLog open(Path dir, boolean sync, Clock clock) {
        return new ReadLog(dir, sync, clock);
    }

    /** {@code <nodeDir>/reads}. */
    public static Path dirOf(Path nodeDir) {
        return nodeDir.resolve(DIR_NAME);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Logs one read and returns the chained entry; it is in the WAL when this returns. {@code subject} is a record,
     * grant or org id, or empty; {@code height} the ledger height the answer reflected. Bad input is refused with
     * READ_CALLER_INVALID, READ_PATIENT_INVALID, READ_SUBJECT_INVALID or READ_ENTRY_INVALID and nothing is written.
     */
    public ReadEntry append(String caller, String callerOrg, String patientId, ReadKind kind, String subject,
                            long height) {
        lifecycle.readLock().lock();
        appendLock.lock();
        try {
            requireOpen();
            ReadEntry prev = last;
            long seq = prev == null ? 0 : prev.seq() + 1;
            ReadEntry e = ReadEntry.chained(seq, clock.millis(), caller, callerOrg, patientId, kind, subject, height,
                    prev == null ? ReadEntry.ZERO_HASH : prev.hash());
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(entryKey(seq), e.storedBytes());
                batch.put(indexKey(patientId, seq), new byte[0]);
                batch.put(utf8(HEAD_KEY), headBytes(e));
                db.write(writeOptions, batch);
            } catch (RocksDBException ex) {
                throw translate("cannot append to the read log at " + dir, ex);
            }
            last = e;
            return e;
        } finally {
            appendLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    /** The patient's logged reads with seq ≥ fromSeq, in seq order, at most limit. */
    public List<ReadEntry> forPatient(String patientId, long fromSeq, int limit) {
        ReadEntry.requirePatient(patientId);
        if (fromSeq < 0 || limit < 0) {
            throw new CareledgerException("READ_LOG_QUERY_INVALID", "fromSeq and limit must be non-negative, got "
                    + fromSeq + " and " + limit);
        }
        List<ReadEntry> out = new ArrayList<>();
        if (limit == 0 || fromSeq > ReadEntry.MAX_SEQ) {
            return out;
        }
        byte[] prefix = utf8(INDEX_PREFIX + patientId + "/");
        lifecycle.readLock().lock();
        try {
            requireOpen();
            Snapshot snapshot = db.getSnapshot();
            try (ReadOptions ro = new ReadOptions().setVerifyChecksums(true).setSnapshot(snapshot);
                 RocksIterator it = db.newIterator(ro)) {
                for (it.seek(indexKey(patientId, fromSeq)); it.isValid() && out.size() < limit; it.next()) {
                    byte[] key = it.key();
                    if (!startsWith(key, prefix)) {
                        break;
                    }
                    long seq = parseSeq(key, prefix.length);
                    byte[] stored = seq < 0 ? null : db.get(ro, entryKey(seq));
                    ReadEntry e = stored == null ? null : decode(stored, seq);
                    if (e == null || !e.patientId().equals(patientId)) {
                        throw tampered(Math.max(seq, 0), "index key " + utf8(key) + " has no entry of that patient");
                    }
                    out.add(e);
                }
                it.status();
            } finally {
                db.releaseSnapshot(snapshot);
            }
        } catch (RocksDBException e) {
            throw translate("cannot read the read log at " + dir, e);
        } finally {
            lifecycle.readLock().unlock();
        }
        return out;
    }

    /** The last entry, empty while nothing has been logged. */
    public Optional<ReadEntry> head() {
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            db.close();
            writeOptions.close();
            options.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Re-checks a read log from seq 0 without changing it (read-only open, so it also works next to a running
     * node): RocksDB checksums; every entry canonical, gapless and in place, its hash recomputed, its prevHash the
     * previous hash; the index holding exactly one key per entry, under that entry's patient; the head naming the
     * last entry. Throws READ_LOG_TAMPERED naming the first bad seq, READ_LOG_CORRUPTED for RocksDB-level damage,
     * READ_LOG_NOT_FOUND when there is no log.
     */
    public static ReadLogReport verify(Path dir) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            throw new CareledgerException("READ_LOG_NOT_FOUND", "no read log at " + dir);
        }
        try (Options o = new Options().setParanoidChecks(true);
             RocksDB db = RocksDB.openReadOnly(o, dir.toString())) {
            db.verifyChecksum();
            return walk(db, dir);
        } catch (RocksDBException e) {
            throw translate("cannot verify the read log at " + dir, e);
        }
    }

    private static ReadLogReport walk(RocksDB db, Path dir) throws RocksDBException {
        long count = 0;
        String prevHash = ReadEntry.ZERO_HASH;
        Head head = null;
        long indexKeys = 0;
        byte[] entryPrefix = utf8(ENTRY_PREFIX);
        byte[] indexPrefix = utf8(INDEX_PREFIX);
        try (ReadOptions ro = new ReadOptions().setVerifyChecksums(true); RocksIterator it = db.newIterator(ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (startsWith(key, entryPrefix)) {
                    long seq = parseSeq(key, entryPrefix.length);
                    if (seq < 0) {
                        throw tampered(count, "unexpected key " + printable(key) + " among the entries");
                    }
                    if (seq != count) {
                        throw tampered(count, "entry missing (the next stored entry is seq " + seq + ")");
                    }
                    ReadEntry e = decode(it.value(), count);
                    if (e.seq() != seq) {
                        throw tampered(count, "the entry stored at seq " + seq + " says seq " + e.seq()
                                + " (moved or reordered)");
                    }
                    if (!e.hash().equals(e.computeHash())) {
                        throw tampered(seq, "hash " + e.hash() + " does not match the entry's contents");
                    }
                    if (!e.prevHash().equals(prevHash)) {
                        throw tampered(seq, "prevHash " + e.prevHash() + " is not the hash of the previous entry ("
                                + prevHash + ")");
                    }
                    byte[] indexValue = db.get(ro, indexKey(e.patientId(), seq));
                    if (indexValue == null || indexValue.length != 0) {
                        throw tampered(seq, "index key " + INDEX_PREFIX + e.patientId() + "/" + pad(seq)
                                + (indexValue == null ? " is missing" : " holds a value"));
                    }
                    prevHash = e.hash();
                    count++;
                } else if (Arrays.equals(key, utf8(HEAD_KEY))) {
                    head = decodeHead(it.value(), count);
                } else if (startsWith(key, indexPrefix)) {
                    indexKeys++;
                } else {
                    throw tampered(count, "unexpected key " + printable(key));
                }
            }
            it.status();
        }
        // every entry's index key exists, so more index keys than entries means some point nowhere
        if (indexKeys != count) {
            throw orphanIndexKey(db, count);
        }
        if (count == 0 && head != null) {
            throw tampered(0, "the head names seq " + head.seq() + " but the log has no entries");
        }
        if (count > 0) {
            long lastSeq = count - 1;
            if (head == null) {
                throw tampered(lastSeq, "the head is missing");
            }
            if (head.seq() != lastSeq || !head.hash().equals(prevHash)) {
                long at = head.seq() > lastSeq ? lastSeq + 1 : Math.min(head.seq() + 1, lastSeq);
                throw tampered(at, "the head names seq " + head.seq() + " (" + head.hash() + ") but the last entry is seq "
                        + lastSeq + " (" + prevHash + ")");
            }
        }
        return new ReadLogReport(dir, count, prevHash);
    }

    /** The first index key that does not name an entry of its patient. */
    private static CareledgerException orphanIndexKey(RocksDB db, long count) throws RocksDBException {
        byte[] indexPrefix = utf8(INDEX_PREFIX);
        try (ReadOptions ro = new ReadOptions().setVerifyChecksums(true); RocksIterator it = db.newIterator(ro)) {
            for (it.seek(indexPrefix); it.isValid() && startsWith(it.key(), indexPrefix); it.next()) {
                String key = utf8(it.key());
                int slash = key.lastIndexOf('/');
                long seq = slash <= INDEX_PREFIX.length() ? -1 : parseSeq(it.key(), slash + 1);
                if (seq < 0) {
                    return tampered(count, "malformed index key " + printable(it.key()));
                }
                byte[] stored = db.get(ro, entryKey(seq));
                String patient = key.substring(INDEX_PREFIX.length(), slash);
                if (stored == null || !decode(stored, seq).patientId().equals(patient)) {
                    return tampered(seq, "index key " + key + " names no entry of that patient");
                }
            }
        }
        return tampered(count, "the index has a different number of keys than the log has entries");
    }

    private static ReadEntry decode(byte[] stored, long seq) {
        try {
            return ReadEntry.fromStoredBytes(stored);
        } catch (CareledgerException e) {
            throw tampered(seq, "unreadable entry (" + e.code() + ": " + e.getMessage() + ")");
        }
    }

    private static Head decodeHead(byte[] stored, long seq) {
        try {
            Head h = CanonicalJson.decode(stored, Head.class);
            if (h.hash() == null || !Arrays.equals(CanonicalJson.encode(h), stored)) {
                throw new CareledgerException("READ_ENTRY_INVALID", "not the canonical head encoding");
            }
            return h;
        } catch (CareledgerException e) {
            throw tampered(seq, "unreadable head (" + e.getMessage() + ")");
        }
    }

    /** The last entry, checked against the stored head: a log whose head disagrees is not extended. */
    private static ReadEntry loadHead(RocksDB db) {
        byte[] headBytes;
        ReadEntry lastEntry = null;
        try {
            headBytes = db.get(utf8(HEAD_KEY));
            try (RocksIterator it = db.newIterator()) {
                it.seekForPrev(utf8(ENTRY_PREFIX + "9".repeat(16)));
                if (it.isValid() && startsWith(it.key(), utf8(ENTRY_PREFIX))) {
                    lastEntry = decode(it.value(), parseSeq(it.key(), ENTRY_PREFIX.length()));
                }
                it.status();
            }
        } catch (RocksDBException e) {
            throw translate("cannot read the read log's head", e);
        }
        if (headBytes == null && lastEntry == null) {
            return null;
        }
        long at = lastEntry == null ? 0 : lastEntry.seq();
        Head head = headBytes == null ? null : decodeHead(headBytes, at);
        if (head == null || lastEntry == null || head.seq() != lastEntry.seq() || !head.hash().equals(lastEntry.hash())) {
            throw tampered(at, "the stored head " + head + " does not name the last entry; refusing to extend the log");
        }
        return lastEntry;
    }

    private void requireOpen() {
        if (closed) {
            throw new CareledgerException("READ_LOG_CLOSED", "the read log at " + dir + " is closed");
        }
    }

    private static byte[] headBytes(ReadEntry e) {
        return CanonicalJson.encode(new Head(e.seq(), e.hash()));
    }

    static byte[] entryKey(long seq) {
        return utf8(ENTRY_PREFIX + pad(seq));
    }

    static byte[] indexKey(String patientId, long seq) {
        return utf8(INDEX_PREFIX + patientId + "/" + pad(seq));
    }

    private static String pad(long seq) {
        return String.format("%016d", seq);
    }

    /** The 16-digit seq at offset, or -1 if the rest of the key is not exactly that. */
    private static long parseSeq(byte[] key, int offset) {
        if (key.length - offset != 16) {
            return -1;
        }
        long v = 0;
        for (int i = offset; i < key.length; i++) {
            if (key[i] < '0' || key[i] > '9') {
                return -1;
            }
            v = v * 10 + (key[i] - '0');
        }
        return v;
    }

    private static CareledgerException tampered(long seq, String what) {
        return new CareledgerException("READ_LOG_TAMPERED", "read log broken at seq " + seq + ": " + what);
    }

    private static CareledgerException translate(String what, RocksDBException e) {
        Status s = e.getStatus();
        Status.Code code = s == null ? null : s.getCode();
        String detail = e.getMessage() == null ? String.valueOf(code) : e.getMessage();
        if (code == Status.Code.Corruption || detail.contains("orruption") || detail.contains("checksum")) {
            return new CareledgerException("READ_LOG_CORRUPTED", what + ": RocksDB reports corruption (" + detail + ")", e);
        }
        if (code == Status.Code.IOError && detail.contains("lock")) {
            return new CareledgerException("READ_LOG_LOCKED", what + ": another process (a running node?) holds it", e);
        }
        return new CareledgerException("READ_LOG_UNAVAILABLE", what + ": " + detail, e);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String printable(byte[] key) {
        String s = new String(key, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
