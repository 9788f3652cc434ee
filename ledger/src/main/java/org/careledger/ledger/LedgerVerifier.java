package org.careledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.StoreCursor;

/**
 * Re-checks a node's store from genesis: RocksDB checksums of every file, the hash link of every block, then
 * re-executes every block into a scratch store and requires the same headers (log root, results, state digest)
 * and, at the end, byte-identical blocks, tx index, state and Merkle nodes. Any flipped byte fails one of these.
 */
public final class LedgerVerifier {
    private final ContractRegistry contracts;
    private final CertificateCheck certificates;

    /** Checks the quorum certificates of a store; the network layer supplies it (none for a lone node). */
    public interface CertificateCheck {
        /** Returns how many blocks carry a valid certificate, or throws naming the first bad one. */
        long check(LedgerStore store, Genesis genesis, long headHeight, java.util.function.LongFunction<Hash> blockHash);

        CertificateCheck NONE = (store, genesis, head, hashes) -> 0;
    }

    /** Told after each re-executed block; verify of a large store takes a while, an operator wants to see it move. */
    public interface Progress {
        void block(long height, long headHeight, long transactions);

        Progress NONE = (height, head, txs) -> { };
    }

    /** Blocks read, decoded and signature-checked ahead of the one being re-executed. */
    private static final int READ_AHEAD = 256;

    private final Progress progress;

    public LedgerVerifier(ContractRegistry contracts, CertificateCheck certificates) {
        this(contracts, certificates, Progress.NONE);
    }

    public LedgerVerifier(ContractRegistry contracts, CertificateCheck certificates, Progress progress) {
        this.contracts = contracts;
        this.certificates = certificates;
        this.progress = progress;
    }

    public VerificationReport verify(Path storeDir) {
        try (LedgerStore original = LedgerStore.openReadOnly(storeDir)) {
            original.verifyChecksums();
            Genesis genesis = Ledger.storedGenesis(original).orElseThrow(() ->
                    new CareledgerException("VERIFY_FAILED", "the store has no genesis"));
            Path scratchDir = Files.createTempDirectory("careledger-verify-");
            try {
                return replay(original, genesis, scratchDir);
            } finally {
                deleteRecursively(scratchDir);
            }
        } catch (IOException e) {
            throw new CareledgerException("VERIFY_FAILED", "cannot create a scratch directory: " + e.getMessage());
        }
    }

    private VerificationReport replay(LedgerStore original, Genesis genesis, Path scratchDir) {
        byte[] rawHead = original.get(Column.META, MetaKeys.HEAD).orElseThrow(() -> fail(0, "the store records no head height"));
        if (rawHead.length != Long.BYTES || Keys.height(rawHead) < 0) {
            throw fail(0, "the recorded head height is not a height (" + HexFormat.of().formatHex(rawHead) + ")");
        }
        long headHeight = Keys.height(rawHead);
        long txs = 0;
        Hash prev = genesis.hash();
        List<Hash> hashes = new ArrayList<>();
        hashes.add(null);
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().name("careledger-verify-", 0).daemon(true).factory());
        try (LedgerStore scratchStore = LedgerStore.openScratch(scratchDir)) {
            Ledger scratch = Ledger.open(scratchStore, genesis, contracts);
            Map<Long, CompletableFuture<ReadBlock>> ahead = new HashMap<>();
            for (long h = 1; h <= Math.min(headHeight, READ_AHEAD); h++) {
                ahead.put(h, readAhead(original, scratch, h, readers));
            }
            for (long h = 1; h <= headHeight; h++) {
                ReadBlock read = ahead.remove(h).join();
                if (h + READ_AHEAD <= headHeight) {
                    ahead.put(h + READ_AHEAD, readAhead(original, scratch, h + READ_AHEAD, readers));
                }
                if (read.failure() != null) {
                    throw read.failure();
                }
                Block block = read.block();
                BlockHeader header = read.header();
                if (header.getHeight() != h) {
                    throw fail(h, "header says height " + header.getHeight());
                }
                if (!Arrays.equals(header.getPrevHash().toByteArray(), prev.bytes())) {
                    throw fail(h, "prev_hash does not link to block " + (h - 1) + " (expected " + prev.hex()
                            + ", found " + HexFormat.of().formatHex(header.getPrevHash().toByteArray()) + ")");
                }
                if (block.getTxsCount() == 0 || block.getTxsCount() != header.getTxCount()
                        || block.getResultsCount() != block.getTxsCount()) {
                    throw fail(h, "block has " + block.getTxsCount() + " txs, " + block.getResultsCount()
                            + " results, header says " + header.getTxCount());
                }
                CommittedBlock again = scratch.apply(new OrderedBatch(header.getLogIndex(), header.getTimestampMillis(),
                        header.getProposer(), block.getTxsList()));
                compareHeaders(h, header, again.header());
                if (!again.block().getResultsList().equals(block.getResultsList())) {
                    throw fail(h, firstResultDifference(block, again.block()));
                }
                prev = Hash.sha256(block.getHeader().toByteArray());
                hashes.add(prev);
                txs += block.getTxsCount();
                progress.block(h, headHeight, txs);
            }
            if (original.get(Column.BLOCKS, Keys.height(headHeight + 1)).isPresent()) {
                throw fail(headHeight + 1, "a block exists beyond the recorded head " + headHeight);
            }
            scratchStore.flush();
            for (Column c : Column.values()) {
                if (c.derivedFromBlocks()) {
                    compareColumn(original, scratchStore, c);
                }
            }
        } finally {
            readers.shutdownNow();
        }
        long certified = certificates.check(original, genesis, headHeight, h -> h >= 0 && h < hashes.size() ? hashes.get((int) h) : null);
        return new VerificationReport(headHeight, txs, prev, certified);
    }

    /** A block as read ahead: parsed, or the failure to report when the replay gets to it. */
    private record ReadBlock(Block block, BlockHeader header, CareledgerException failure) {}

    /**
     * Reads and parses block h on a reader thread and checks its transactions' signatures there, all cores at once,
     * so the single-threaded re-execution finds them done. A signature is checked under the key the store's latest
     * state gives its signer; the re-execution uses the verdict only if that is still the signer's key at that
     * block (else it checks again), so the store under verification decides which key is tried, never whether a
     * signature is valid.
     */
    private static CompletableFuture<ReadBlock> readAhead(LedgerStore original, Ledger scratch, long h,
                                                          ExecutorService readers) {
        return CompletableFuture.supplyAsync(() -> {
            byte[] raw;
            Block block;
            BlockHeader header;
            try {
                raw = original.get(Column.BLOCKS, Keys.height(h)).orElse(null);
                if (raw == null) {
                    return new ReadBlock(null, null, fail(h, "block is missing"));
                }
                block = Block.parseFrom(raw);
                header = BlockHeader.parseFrom(block.getHeader());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return new ReadBlock(null, null, fail(h, "block does not parse: " + e.getMessage()));
            } catch (CareledgerException e) {
                return new ReadBlock(null, null, e);
            }
            for (org.careledger.core.proto.TxEnvelope envelope : block.getTxsList()) {
                try {
                    DecodedTx tx = scratch.decoder().decode(envelope);
                    byte[] identity = original.get(Column.STATE,
                            Keys.utf8(StateKeys.identity(tx.payload().getSignerId()))).orElse(null);
                    if (identity == null) {
                        continue;
                    }
                    org.careledger.core.contract.Identity signer = IdentityDirectory.decode(identity);
                    if (BlockExecutor.verify(signer, tx)) {
                        scratch.rememberVerified(tx, signer);
                    }
                } catch (RuntimeException e) {
                    // malformed or odd: the re-execution meets it again and judges it itself
                }
            }
            return new ReadBlock(block, header, null);
        }, readers);
    }

    private static void compareHeaders(long h, BlockHeader stored, BlockHeader recomputed) {
        if (stored.equals(recomputed)) {
            return;
        }
        String what;
        if (!stored.getLogRoot().equals(recomputed.getLogRoot()) || stored.getLogSize() != recomputed.getLogSize()) {
            what = "Merkle log root differs from the re-computed one (a transaction was changed, added or removed)";
        } else if (!stored.getResultsDigest().equals(recomputed.getResultsDigest())) {
            what = "results digest differs: re-execution gives different validation codes or events";
        } else if (!stored.getStateDigest().equals(recomputed.getStateDigest())) {
            what = "state digest differs: re-execution writes different state";
        } else {
            what = "header differs from the re-computed one";
        }
        throw fail(h, what);
    }

    private static String firstResultDifference(Block stored, Block again) {
        for (int i = 0; i < stored.getResultsCount(); i++) {
            if (!stored.getResults(i).equals(again.getResults(i))) {
                return "tx " + i + " result differs: stored " + stored.getResults(i).getCode() + ", re-executed "
                        + again.getResults(i).getCode() + " " + again.getResults(i).getErrorCode();
            }
        }
        return "results differ";
    }

    private static void compareColumn(LedgerStore original, LedgerStore scratch, Column column) {
        try (StoreCursor a = original.cursor(column); StoreCursor b = scratch.cursor(column)) {
            while (a.valid() || b.valid()) {
                if (!a.valid() || !b.valid() || !Arrays.equals(a.key(), b.key())) {
                    // name the smaller key: the first one only one side has
                    boolean extra = !b.valid() || (a.valid() && Arrays.compareUnsigned(a.key(), b.key()) < 0);
                    throw new CareledgerException("VERIFY_FAILED", "column " + column.familyName()
                            + " does not match re-execution at key " + describe(column, extra ? a.key() : b.key())
                            + (extra ? " (an entry re-execution does not produce)" : " (an entry re-execution produces is missing)"));
                }
                if (!Arrays.equals(a.value(), b.value())) {
                    String where = column == Column.BLOCKS ? "block " + Keys.height(a.key()) : "key " + describe(column, a.key());
                    throw new CareledgerException("VERIFY_FAILED", "column " + column.familyName() + ": " + where
                            + " differs from re-execution");
                }
                a.next();
                b.next();
            }
        }
    }

    private static String describe(Column column, byte[] key) {
        return switch (column) {
            case STATE -> Keys.utf8(key);
            case BLOCKS -> key.length == Long.BYTES ? String.valueOf(Keys.height(key)) : HexFormat.of().formatHex(key);
            default -> HexFormat.of().formatHex(key);
        };
    }

    private static CareledgerException fail(long height, String what) {
        return new CareledgerException("VERIFY_FAILED", "block " + height + ": " + what);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp dir is not a verification failure
        }
    }
}
