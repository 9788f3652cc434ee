package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxLocation;
import org.careledger.core.proto.ValidationCode;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.WriteSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance criterion of verify: a flipped byte anywhere in the store makes it fail with a
 * {@link CareledgerException} (VERIFY_FAILED or STORE_CORRUPTED) and a clear message, never another exception and
 * never a pass. Part (a) flips raw bytes in RocksDB's files; part (b) changes records through RocksDB with valid
 * checksums, so only the ledger's own checks (hash links, re-execution, column comparison) can find them.
 */
class LedgerVerifierTamperTest {
    private static final int BLOCKS = 30;
    private static final LedgerVerifier VERIFIER =
            new LedgerVerifier(TestNetwork.contracts(), LedgerVerifier.CertificateCheck.NONE);

    @TempDir
    static Path shared;
    /** 30 blocks, closed cleanly: every record sits in an SST, the WAL is empty. */
    private static Path closedStore;
    /** The same kind of chain copied while open after its last 15 blocks were written: those are only in the WAL. */
    private static Path crashImage;
    private static final List<Hash> txIds = new ArrayList<>();
    private static final AtomicInteger copies = new AtomicInteger();

    @BeforeAll
    static void buildChains() {
        TestNetwork net = new TestNetwork();
        closedStore = shared.resolve("closed");
        try (Ledger ledger = net.open(closedStore)) {
            build(net, ledger, true);
        }
        crashImage = shared.resolve("crash-image");
        try (Ledger ledger = net.open(shared.resolve("live"))) {
            build(net, ledger, false);
            TestNetwork.copyDir(shared.resolve("live"), crashImage);
        }
    }

    /** Registrations, member calls, a revocation and a few invalid txs, spread over 30 blocks in 3 SST generations. */
    private static void build(TestNetwork net, Ledger ledger, boolean record) {
        long adminNonce = 0;
        List<TestNetwork.Member> members = new ArrayList<>();
        for (int b = 1; b <= BLOCKS; b++) {
            List<TxEnvelope> txs = new ArrayList<>();
            String org = TestNetwork.ORGS.get(b % 4);
            for (int i = 0; i < 3; i++) {
                TestNetwork.Member m = net.member(org, "m" + b + "-" + i, i == 0 ? "nurse" : "practitioner");
                members.add(m);
                txs.add(net.register(org, adminNonce++, m));
            }
            if (b > 1) {
                TestNetwork.Member earlier = members.get(b);
                txs.add(net.memberCall(earlier, b));
            }
            if (b % 7 == 0) {
                txs.add(TestNetwork.flipSignature(net.register(org, adminNonce++, net.member(org, "forged" + b, "nurse"))));
                txs.add(TestNetwork.envelope(new byte[] {(byte) b, 1, 2}, new byte[] {3}));
            }
            if (b == 20) {
                TestNetwork.Member gone = members.get(10);
                txs.add(net.revoke(gone.org(), 1000, gone.name()));
            }
            CommittedBlock block = ledger.apply(TestNetwork.batch(b, txs));
            if (record) {
                txIds.addAll(block.txIds());
            }
            if (b == 10 || (record && b == 20)) {
                ledger.store().flush();
            }
        }
    }

    private static Path copy(Path store) {
        Path target = shared.resolve("copy-" + copies.incrementAndGet());
        TestNetwork.copyDir(store, target);
        return target;
    }

    @Test
    void theUntouchedChainsVerify() {
        VerificationReport closed = VERIFIER.verify(closedStore);
        assertThat(closed.blocks()).isEqualTo(BLOCKS);
        assertThat(closed.transactions()).isEqualTo(txIds.size());
        VerificationReport crash = VERIFIER.verify(crashImage);
        assertThat(crash.blocks()).isEqualTo(BLOCKS);
        assertThat(walFiles(crashImage)).as("the crash image keeps blocks in its WAL").isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // (a) raw bytes

    /** Files RocksDB keeps ledger data in: every byte of them is covered by a checksum or read on open. */
    private static boolean holdsData(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".sst") || name.startsWith("MANIFEST-") || name.equals("CURRENT")
                || (name.endsWith(".log") && size(file) > 0);
    }

    @TestFactory
    Stream<DynamicTest> aFlippedByteInAnyDataFileFailsVerify() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path store : List.of(closedStore, crashImage)) {
            for (Path file : files(store)) {
                if (!holdsData(file)) {
                    continue;
                }
                long size = size(file);
                // start, middle and end of every file; the whole of CURRENT (16 bytes) since each byte matters
                List<Long> offsets = file.getFileName().toString().equals("CURRENT")
                        ? Stream.iterate(0L, i -> i < size, i -> i + 1).toList()
                        : List.of(0L, size / 3, size / 2, (2 * size) / 3, size - 1);
                for (long offset : offsets.stream().distinct().toList()) {
                    String name = store.getFileName() + "/" + file.getFileName() + " byte " + offset + " of " + size;
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        Path copy = copy(store);
                        flip(copy.resolve(file.getFileName().toString()), offset);
                        assertFailsCleanly(copy, "STORE_CORRUPTED", "VERIFY_FAILED");
                        TestNetwork.deleteDir(copy);
                    }));
                }
            }
        }
        assertThat(tests.stream().filter(t -> t.getDisplayName().contains(".sst")).count()).isGreaterThanOrEqualTo(20);
        assertThat(tests.stream().filter(t -> t.getDisplayName().contains("MANIFEST-")).count()).isGreaterThanOrEqualTo(6);
        assertThat(tests.stream().filter(t -> t.getDisplayName().contains(".log")).count()).isGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    /**
     * The other files of a RocksDB directory hold no ledger data, so flipping their bytes cannot change what the
     * store says and verify rightly passes: LOG is RocksDB's human-readable info log; OPTIONS-* records the options
     * the store was last opened with, for tools only (careledger sets its options in code and RocksDB does not read
     * this file on open); IDENTITY is a random id of the database instance; LOCK is empty (the lock is an fcntl
     * lock, not content). If one of them ever starts to matter, this test fails and the file moves to the list above.
     */
    @TestFactory
    Stream<DynamicTest> filesWithoutLedgerDataDoNotAffectVerify() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files(closedStore)) {
            String name = file.getFileName().toString();
            if (holdsData(file) || size(file) == 0) {
                continue;
            }
            assertThat(name).matches("LOG(\\.old\\..*)?|OPTIONS-\\d+|IDENTITY");
            long size = size(file);
            for (long offset : List.of(0L, size / 2, size - 1)) {
                tests.add(DynamicTest.dynamicTest(name + " byte " + offset + " of " + size, () -> {
                    Path copy = copy(closedStore);
                    flip(copy.resolve(name), offset);
                    assertThat(VERIFIER.verify(copy).blocks()).isEqualTo(BLOCKS);
                    TestNetwork.deleteDir(copy);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aTruncatedOrMissingFileFailsVerify() throws IOException {
        for (Path file : files(closedStore)) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".sst") && !name.startsWith("MANIFEST-")) {
                continue;
            }
            Path truncated = copy(closedStore);
            try (var ch = java.nio.channels.FileChannel.open(truncated.resolve(name), java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(size(file) / 2);
            }
            assertFailsCleanly(truncated, "STORE_CORRUPTED", "VERIFY_FAILED");
            Path missing = copy(closedStore);
            Files.delete(missing.resolve(name));
            assertFailsCleanly(missing, "STORE_CORRUPTED", "VERIFY_FAILED");
            TestNetwork.deleteDir(truncated);
            TestNetwork.deleteDir(missing);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // (b) records changed through RocksDB, with valid checksums

    @Test
    void aChangedStateValueIsFound() {
        String key = StateKeys.identity("hospital-b/m5-1");
        String msg = tampered(s -> {
            byte[] v = s.get(Column.STATE, Keys.utf8(key)).orElseThrow();
            v[v.length / 2] ^= 0x01;
            s.write(new WriteSet().put(Column.STATE, Keys.utf8(key), v));
        });
        assertThat(msg).contains("column state").contains(key).contains("differs from re-execution");
    }

    @Test
    void anAddedOrRemovedStateEntryIsFound() {
        String added = tampered(s -> s.write(new WriteSet().put(Column.STATE, Keys.utf8("id/hospital-a/intruder"),
                "{}".getBytes())));
        assertThat(added).contains("column state").contains("id/hospital-a/intruder")
                .contains("an entry re-execution does not produce");
        String removed = tampered(s -> s.write(new WriteSet().delete(Column.STATE,
                s.scan(Column.STATE, Keys.utf8("nonce/hospital-a/admin/"), 1).firstKey())));
        assertThat(removed).contains("column state").contains("nonce/hospital-a/admin/")
                .contains("an entry re-execution produces is missing");
        // a revoked member brought back
        String revived = tampered(s -> {
            byte[] record = s.get(Column.STATE, Keys.utf8(StateKeys.identity("hospital-b/m5-0"))).orElseThrow();
            s.write(new WriteSet().put(Column.STATE, Keys.utf8(StateKeys.identity("hospital-c/ghost")), record));
        });
        assertThat(revived).contains("column state").contains("id/hospital-c/ghost");
    }

    @Test
    void aChangedTxIndexEntryIsFound() {
        Hash id = txIds.get(17);
        String msg = tampered(s -> {
            TxLocation loc = parseLocation(s.get(Column.TX_INDEX, id.bytes()).orElseThrow());
            s.write(new WriteSet().put(Column.TX_INDEX, id.bytes(),
                    loc.toBuilder().setHeight(loc.getHeight() + 1).build().toByteArray()));
        });
        assertThat(msg).contains("column tx_index").contains(id.hex()).contains("differs from re-execution");
        String added = tampered(s -> s.write(new WriteSet().put(Column.TX_INDEX, new byte[32],
                TxLocation.newBuilder().setHeight(3).build().toByteArray())));
        assertThat(added).contains("column tx_index").contains("0".repeat(64));
    }

    @Test
    void aChangedOrMissingMerkleNodeIsFound() {
        byte[] key = Keys.merkleNode(2, 3);
        String msg = tampered(s -> {
            byte[] node = s.get(Column.MERKLE, key).orElseThrow();
            node[0] ^= 0x01;
            s.write(new WriteSet().put(Column.MERKLE, key, node));
        });
        assertThat(msg).contains("column merkle").contains(HexFormat.of().formatHex(key));
        String removed = tampered(s -> s.write(new WriteSet().delete(Column.MERKLE, Keys.merkleNode(0, 40))));
        assertThat(removed).contains("column merkle").contains(HexFormat.of().formatHex(Keys.merkleNode(0, 40)))
                .contains("missing");
    }

    @Test
    void aChangedTxPayloadByteIsFound() {
        String msg = tamperedBlock(7, b -> {
            TxEnvelope tx = b.getTxs(1);
            byte[] payload = tx.getPayload().toByteArray();
            payload[payload.length - 3] ^= 0x01;
            b.setTxs(1, tx.toBuilder().setPayload(ByteString.copyFrom(payload)));
        });
        assertThat(msg).startsWith("block 7:").contains("Merkle log root differs");
        String sig = tamperedBlock(8, b -> b.setTxs(0, TestNetwork.flipSignature(b.getTxs(0))));
        assertThat(sig).startsWith("block 8:");
        String dropped = tamperedBlock(9, b -> b.removeTxs(2).removeResults(2));
        assertThat(dropped).startsWith("block 9:");
        String swapped = tamperedBlock(10, b -> {
            TxEnvelope first = b.getTxs(0);
            b.setTxs(0, b.getTxs(1)).setTxs(1, first);
        });
        assertThat(swapped).startsWith("block 10:").contains("Merkle log root differs");
    }

    @Test
    void aChangedResultCodeIsFound() {
        String msg = tamperedBlock(9, b -> b.setResults(0, b.getResults(0).toBuilder().setCode(ValidationCode.CONTRACT_ERROR)));
        assertThat(msg).startsWith("block 9:").contains("tx 0 result differs")
                .contains("stored CONTRACT_ERROR").contains("re-executed VALID");
        String forgedValid = tamperedBlock(14, b -> {
            int bad = b.getResultsCount() - 1; // the malformed tx of every 7th block
            b.setResults(bad, b.getResults(bad).toBuilder().setCode(ValidationCode.VALID).clearErrorCode().clearMessage());
        });
        assertThat(forgedValid).startsWith("block 14:").contains("result differs").contains("stored VALID");
    }

    @Test
    void aDeletedBlockIsFound() {
        assertThat(tampered(s -> s.write(new WriteSet().delete(Column.BLOCKS, Keys.height(12)))))
                .isEqualTo("block 12: block is missing");
        assertThat(tampered(s -> s.write(new WriteSet().delete(Column.BLOCKS, Keys.height(BLOCKS)))))
                .isEqualTo("block " + BLOCKS + ": block is missing");
    }

    @Test
    void aBlockBeyondTheHeadIsFound() {
        String msg = tampered(s -> s.write(new WriteSet().put(Column.BLOCKS, Keys.height(BLOCKS + 1),
                s.get(Column.BLOCKS, Keys.height(BLOCKS)).orElseThrow())));
        assertThat(msg).isEqualTo("block " + (BLOCKS + 1) + ": a block exists beyond the recorded head " + BLOCKS);
        // the same when the head pointer is moved back to hide the last block
        String hidden = tampered(s -> s.write(new WriteSet().put(Column.META, MetaKeys.HEAD, Keys.height(BLOCKS - 1))));
        assertThat(hidden).isEqualTo("block " + BLOCKS + ": a block exists beyond the recorded head " + (BLOCKS - 1));
        String ahead = tampered(s -> s.write(new WriteSet().put(Column.META, MetaKeys.HEAD, Keys.height(BLOCKS + 1))));
        assertThat(ahead).isEqualTo("block " + (BLOCKS + 1) + ": block is missing");
    }

    @Test
    void aChangedHeaderBreaksTheHashLink() {
        // block 18 writes nothing that depends on the time, so re-execution agrees; only the link to it breaks
        String msg = tamperedBlock(18, b -> b.setHeader(header(b).toBuilder()
                .setTimestampMillis(header(b).getTimestampMillis() + 1).build().toByteString()));
        assertThat(msg).startsWith("block 19:").contains("prev_hash does not link to block 18");
        // block 20 revokes a member, and the revocation records the block time
        String revocationTime = tamperedBlock(20, b -> b.setHeader(header(b).toBuilder()
                .setTimestampMillis(header(b).getTimestampMillis() + 1).build().toByteString()));
        assertThat(revocationTime).isEqualTo("block 20: state digest differs: re-execution writes different state");
        // a time before the previous block's: re-execution clamps it, so the recomputed header differs
        String backwards = tamperedBlock(18, b -> b.setHeader(header(b).toBuilder()
                .setTimestampMillis(TestNetwork.T0.toEpochMilli()).build().toByteString()));
        assertThat(backwards).isEqualTo("block 18: header differs from the re-computed one");
        String height = tamperedBlock(5, b -> b.setHeader(header(b).toBuilder().setHeight(6).build().toByteString()));
        assertThat(height).isEqualTo("block 5: header says height 6");
        String garbage = tampered(s -> s.write(new WriteSet().put(Column.BLOCKS, Keys.height(6), new byte[] {(byte) 0xff, 0x7f})));
        assertThat(garbage).startsWith("block 6: block does not parse");
        String count = tamperedBlock(11, b -> b.setHeader(header(b).toBuilder().setTxCount(99).build().toByteString()));
        assertThat(count).startsWith("block 11:").contains("header says 99");
    }

    @Test
    void aChangedGenesisIsFound() {
        String gone = tampered(s -> s.write(new WriteSet().delete(Column.META, MetaKeys.GENESIS)));
        assertThat(gone).contains("no genesis");
        Genesis other = new TestNetwork().genesis;
        String swapped = tampered(s -> s.write(new WriteSet().put(Column.META, MetaKeys.GENESIS, other.toBytes())));
        assertThat(swapped).startsWith("block 1:").contains("prev_hash does not link");
    }

    @Test
    void aMalformedHeadPointerIsAVerificationFailure() {
        assertThat(tampered(s -> s.write(new WriteSet().put(Column.META, MetaKeys.HEAD, new byte[] {0, 30}))))
                .isEqualTo("block 0: the recorded head height is not a height (001e)");
        assertThat(tampered(s -> s.write(new WriteSet().put(Column.META, MetaKeys.HEAD, Keys.height(-2)))))
                .startsWith("block 0: the recorded head height is not a height");
        // a huge head must fail on the first missing block, not try to allocate room for all of them
        assertThat(tampered(s -> s.write(new WriteSet().put(Column.META, MetaKeys.HEAD, Keys.height(Long.MAX_VALUE / 2)))))
                .isEqualTo("block 31: block is missing");
        assertThat(tampered(s -> s.write(new WriteSet().delete(Column.META, MetaKeys.HEAD))))
                .isEqualTo("block 0: the store records no head height");
    }

    @Test
    void aStrayKeyInTheBlocksColumnIsFound() {
        String msg = tampered(s -> s.write(new WriteSet().put(Column.BLOCKS, new byte[] {0x7f}, new byte[] {1})));
        assertThat(msg).contains("column blocks").contains("7f");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Copies the closed store, changes it through RocksDB, and returns verify's message (it must fail). */
    private static String tampered(Consumer<LedgerStore> change) {
        Path copy = copy(closedStore);
        try (LedgerStore store = LedgerStore.open(copy)) {
            change.accept(store);
        }
        String message = assertFailsCleanly(copy, "VERIFY_FAILED");
        System.out.println("[tamper] VERIFY_FAILED: " + message);
        TestNetwork.deleteDir(copy);
        return message;
    }

    private static String tamperedBlock(long height, Consumer<Block.Builder> change) {
        return tampered(s -> {
            Block.Builder b = parseBlock(s.get(Column.BLOCKS, Keys.height(height)).orElseThrow()).toBuilder();
            change.accept(b);
            s.write(new WriteSet().put(Column.BLOCKS, Keys.height(height), b.build().toByteArray()));
        });
    }

    /** Verify must throw a CareledgerException with one of the codes and a message; returns the message. */
    private static String assertFailsCleanly(Path store, String... codes) {
        Throwable t = catchThrowable(() -> VERIFIER.verify(store));
        assertThat(t).as("verify of a tampered store must fail").isNotNull();
        assertThat(t).as("verify must fail with a CareledgerException, not %s", t).isInstanceOf(CareledgerException.class);
        CareledgerException e = (CareledgerException) t;
        assertThat(e.code()).as(e.getMessage()).isIn((Object[]) codes);
        assertThat(e.getMessage()).isNotBlank();
        return e.getMessage();
    }

    private static Block parseBlock(byte[] bytes) {
        try {
            return Block.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static BlockHeader header(Block.Builder b) {
        try {
            return BlockHeader.parseFrom(b.getHeader());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static TxLocation parseLocation(byte[] bytes) {
        try {
            return TxLocation.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static void flip(Path file, long offset) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[(int) offset] ^= 0x01;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> walFiles(Path dir) {
        return files(dir).stream().filter(p -> p.getFileName().toString().endsWith(".log") && size(p) > 0).toList();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
