package org.careledger.node;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.ledger.Ledger;
import org.careledger.storage.Column;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.StoreCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the node's store in the background, at a bounded rate, so damage in a part no client reads (old blocks,
 * state no request touches) is found before a peer needs it or a backup copies it. One pass reads every block from
 * genesis to the head — RocksDB checks each data block's checksum on the read — and checks that it parses, that its
 * header's height and {@code prev_hash} link to the block before, that its transaction and result counts match the
 * header, that its {@code results_digest} matches its results, and that the Merkle log root the store's Merkle nodes
 * give for the header's log size is the header's {@code log_root}; then it reads every entry of every other column
 * (checksums again). Table files no key reaches any more are not read (RocksDB's own compactions rewrite them).
 *
 * <p>A mismatch is handed to {@link NodeHealth#storeCorrupted} — the path a serving read that hits corruption takes:
 * the node turns DEGRADED and not ready, and logs one ERROR naming the store, the height or column and the runbook.
 * The scrub then stops; the node needs an operator ({@code careledger repair} or a restore).
 */
public final class StoreScrub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreScrub.class);
    /** Blocks (and entries of other columns) per second when node.json sets nothing: a few seconds of I/O per 1,000 blocks. */
    public static final int DEFAULT_PER_SECOND = 200;

    private final Ledger ledger;
    private final int perSecond;
    private final Consumer<CareledgerException> onCorruption;
    private final LongSupplier nanoClock;
    private final AtomicLong blocksScrubbed = new AtomicLong();
    private final AtomicLong entriesScrubbed = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong corruptions = new AtomicLong();
    private volatile long lastPassEpochMillis;
    private volatile boolean running = true;
    private Thread thread;
    private long windowStart;
    private long inWindow;

    /**
     * @param perSecond    blocks (and entries of the other columns) read per second; 0 turns the scrub off
     * @param onCorruption what to do with a corruption found (the node's health)
     */
    public StoreScrub(Ledger ledger, int perSecond, Consumer<CareledgerException> onCorruption, LongSupplier nanoClock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("scrubPerSecond must be 0 (off) or more, not " + perSecond);
        }
        this.ledger = ledger;
        this.perSecond = perSecond;
        this.onCorruption = onCorruption;
        this.nanoClock = nanoClock;
    }

    /** Starts scrubbing on a daemon thread, pass after pass, after {@code firstDelayMillis}; nothing if off. */
    public StoreScrub start(long firstDelayMillis) {
        if (perSecond == 0) {
            LOG.info("background store scrub off (scrubPerSecond 0 in node.json)");
            return this;
        }
        thread = Thread.ofPlatform().daemon(true).name("careledger-scrub").priority(Thread.MIN_PRIORITY).start(() -> {
            sleep(firstDelayMillis);
            while (running) {
                if (!scrubOnce()) {
                    return;
                }
                sleep(10_000); // a short rest between passes; the rate limit bounds the I/O of each
            }
        });
        return this;
    }

    /**
     * One whole pass (at the rate limit); true if it found nothing (or was stopped), false after a corruption, which
     * it has handed on.
     */
    public boolean scrubOnce() {
        try {
            long head = ledger.head().height();
            Hash prev = ledger.genesisHash();
            for (long h = 1; h <= head && running; h++) {
                try {
                    prev = checkBlock(h, prev);
                } catch (CareledgerException e) {
                    throw found(e, "block " + h);
                }
                blocksScrubbed.incrementAndGet();
                pace();
            }
            for (Column c : Column.values()) {
                if (c == Column.BLOCKS || !running) {
                    continue;
                }
                try {
                    readAll(c);
                } catch (CareledgerException e) {
                    throw found(e, "the " + c.familyName() + " column");
                }
            }
            if (running) {
                passes.incrementAndGet();
                lastPassEpochMillis = System.currentTimeMillis();
                LOG.debug("store scrub pass {} done: {} blocks from genesis", passes.get(), head);
            }
            return true;
        } catch (CareledgerException e) {
            if (!running || !e.code().equals("STORE_CORRUPTED")) {
                // the store closing under a stopping node, or a transient error: not a finding
                LOG.debug("store scrub stopped: {}", e.toString());
                return running;
            }
            corruptions.incrementAndGet();
            onCorruption.accept(e);
            return false;
        }
    }

    private Hash checkBlock(long h, Hash prev) {
        Block block = ledger.block(h).orElseThrow(() -> corrupt(h, "the block is missing below the head"));
        BlockHeader header = Ledger.header(block);
        if (header.getHeight() != h) {
            throw corrupt(h, "its header says height " + header.getHeight());
        }
        if (!Arrays.equals(header.getPrevHash().toByteArray(), prev.bytes())) {
            throw corrupt(h, "prev_hash does not link to block " + (h - 1) + " (expected " + prev.hex() + ", found "
                    + HexFormat.of().formatHex(header.getPrevHash().toByteArray()) + ")");
        }
        if (block.getTxsCount() != header.getTxCount() || block.getResultsCount() != block.getTxsCount()) {
            throw corrupt(h, "it holds " + block.getTxsCount() + " txs and " + block.getResultsCount()
                    + " results, its header says " + header.getTxCount());
        }
        if (!Arrays.equals(Ledger.resultsDigest(block.getResultsList()), header.getResultsDigest().toByteArray())) {
            throw corrupt(h, "its results do not match the header's results_digest");
        }
        if (!Arrays.equals(ledger.logRoot(header.getLogSize()), header.getLogRoot().toByteArray())) {
            throw corrupt(h, "the Merkle log root of its log size " + header.getLogSize() + " in the store's Merkle"
                    + " nodes differs from the header's log_root");
        }
        return Hash.sha256(block.getHeader().toByteArray());
    }

    private void readAll(Column column) {
        LedgerStore store = ledger.store();
        try (StoreCursor cursor = store.cursor(column)) {
            // the cursor starts at the first key and checks the iterator's status after every step
            for (; running && cursor.valid(); cursor.next()) {
                cursor.value();
                entriesScrubbed.incrementAndGet();
                pace();
            }
        }
    }

    /** A corruption found by the checks here (not by RocksDB): says what is wrong with the block. */
    private static CareledgerException corrupt(long height, String what) {
        return new CareledgerException("STORE_CORRUPTED", what);
    }

    /** Names what the scrub was reading (RocksDB's own message names the table file and offset). */
    private CareledgerException found(CareledgerException e, String where) {
        if (!e.code().equals("STORE_CORRUPTED")) {
            return e;
        }
        return new CareledgerException("STORE_CORRUPTED", "the background scrub found " + where + " of the store at "
                + ledger.store().dir() + " damaged: " + e.getMessage(), e);
    }

    /** At most {@link #perSecond} reads in any second. */
    private void pace() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        if (++inWindow >= perSecond) {
            sleep(Math.max(1, (1_000_000_000L - (nanoClock.getAsLong() - windowStart)) / 1_000_000));
            windowStart = nanoClock.getAsLong();
            inWindow = 0;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    public long blocksScrubbed() {
        return blocksScrubbed.get();
    }

    public long entriesScrubbed() {
        return entriesScrubbed.get();
    }

    public long passes() {
        return passes.get();
    }

    public long corruptions() {
        return corruptions.get();
    }

    /** When the last whole pass ended (epoch millis), 0 before the first. */
    public long lastPassEpochMillis() {
        return lastPassEpochMillis;
    }

    /** Stops the scrub and waits for it (it must not read a store that is being closed). */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
