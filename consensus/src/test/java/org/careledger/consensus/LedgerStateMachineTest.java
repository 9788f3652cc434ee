package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.careledger.consensus.proto.BlobBundle;
import org.careledger.consensus.proto.Batch;
import org.careledger.consensus.proto.BlocksReply;
import org.careledger.consensus.proto.RaftEntry;
import org.careledger.consensus.proto.SignatureBatch;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.CommittedBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply path without a Raft server: replay, duplicates, determinism across nodes. */
class LedgerStateMachineTest {
    @TempDir
    Path dir;

    private static ByteBuffer batch(long time, TxEnvelope... txs) {
        return ByteBuffer.wrap(RaftEntry.newBuilder().setBatch(Batch.newBuilder().setTimestampMillis(time)
                .setProposer("org-b/node").addAllTxs(List.of(txs))).build().toByteArray());
    }

    private record Node(LedgerFixture fx, CertificateBook book, LedgerStateMachine sm, List<CommittedBlock> applied) {}

    private Node node(TestNetwork net, String name) {
        LedgerFixture fx = new LedgerFixture(net, dir.resolve(name));
        List<CommittedBlock> applied = new ArrayList<>();
        CertificateBook book = new CertificateBook(fx.ledger, new NodeKeys(net.genesis), "org-a/node", 3, r -> { });
        return new Node(fx, book, new LedgerStateMachine(fx.ledger, book, applied::add), applied);
    }

    @Test
    void replayedEntriesAndRepeatedTransactionsChangeNothing() {
        TestNetwork net = TestNetwork.create(4);
        Node n = node(net, "a");
        try (LedgerFixture fx = n.fx()) {
            TxEnvelope tx1 = net.registerMember(0);
            TxEnvelope tx2 = net.registerMember(1);
            n.sm().applyEntry(5, batch(1000, tx1));
            assertThat(fx.ledger.head().height()).isEqualTo(1);
            assertThat(fx.ledger.appliedIndex()).isEqualTo(5);

            Message replay = n.sm().applyEntry(5, batch(1000, tx1));
            assertThat(replay.getContent().toStringUtf8()).isEqualTo("replayed");
            assertThat(fx.ledger.head().height()).isEqualTo(1);

            n.sm().applyEntry(7, batch(2000, tx1, tx2, tx2));
            assertThat(fx.ledger.head().height()).isEqualTo(2);
            assertThat(fx.ledger.block(2).orElseThrow().getTxsList()).containsExactly(tx2);
            assertThat(n.sm().skippedDuplicates()).isEqualTo(2);

            assertThat(n.sm().applyEntry(8, batch(3000, tx1)).getContent().toStringUtf8()).isEqualTo("duplicate");
            assertThat(n.sm().applyEntry(9, ByteBuffer.wrap(new byte[] {(byte) 0xff, 1, 2})).getContent().isEmpty()).isTrue();
            assertThat(fx.ledger.head().height()).isEqualTo(2);
            assertThat(n.applied()).hasSize(2);

            BlocksReply served = n.sm().blocks(1, 10);
            assertThat(served.getBlocksCount()).isEqualTo(2);
            assertThat(served.getHeadHeight()).isEqualTo(2);
            assertThat(served.getHeadHash().toByteArray()).isEqualTo(fx.ledger.head().hash().bytes());
        }
    }

    @Test
    void everyNodeComputesTheSameBlocksFromTheSameEntries() {
        TestNetwork net = TestNetwork.create(4);
        List<ByteBuffer> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(batch(10_000 - i * 100, net.registerMember(i % 4), net.registerMember((i + 1) % 4)));
        }
        Node a = node(net, "a");
        Node b = node(net, "b");
        try (LedgerFixture fa = a.fx(); LedgerFixture fb = b.fx()) {
            for (int i = 0; i < entries.size(); i++) {
                a.sm().applyEntry(10 + 2L * i, entries.get(i).duplicate());
                b.sm().applyEntry(10 + 2L * i, entries.get(i).duplicate());
            }
            assertThat(fa.ledger.head().height()).isEqualTo(6);
            for (long h = 1; h <= 6; h++) {
                assertThat(a.book().blockHash(h)).isEqualTo(b.book().blockHash(h));
            }
            assertThat(fa.ledger.head().header().getTimestampMillis()).as("block time never goes back").isEqualTo(10_000);
        }
    }

    @Test
    void signatureEntriesBecomeCertificates() {
        TestNetwork net = TestNetwork.create(4);
        Node n = node(net, "a");
        try (LedgerFixture fx = n.fx()) {
            n.sm().applyEntry(1, batch(1000, net.registerMember(0)));
            Hash hash = fx.ledger.head().hash();
            SignatureBatch.Builder sigs = SignatureBatch.newBuilder();
            for (int i = 0; i < 3; i++) {
                TestNetwork.Org o = net.orgs.get(i);
                sigs.addSignatures(NodeKeys.sign(o.node(), o.id() + "/node", 1, hash));
            }
            n.sm().applyEntry(2, ByteBuffer.wrap(RaftEntry.newBuilder().setSignatures(sigs).build().toByteArray()));
            assertThat(n.book().finalHeight()).isEqualTo(1);
            assertThat(n.book().certificate(1).orElseThrow().getSignaturesCount()).isEqualTo(3);
        }
    }

    @Test
    void blobsAreStagedOutsideTheLogServedToPeersAndUnstagedWhenApplied() throws Exception {
        TestNetwork net = TestNetwork.create(4);
        Node n = node(net, "a");
        try (LedgerFixture fx = n.fx()) {
            byte[] blob = "ciphertext-bytes-of-a-record".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Hash blobHash = Hash.sha256(blob);
            RaftEntry logged = RaftEntry.newBuilder().setBatch(Batch.newBuilder().setTimestampMillis(1000)
                    .setProposer("org-b/node").addTxs(net.registerMember(0))
                    .addBlobHashes(com.google.protobuf.ByteString.copyFrom(blobHash.bytes()))).build();
            LogEntryProto withData = entry(5, logged, BlobBundle.newBuilder()
                    .addBlobs(com.google.protobuf.ByteString.copyFrom(blob)).build());

            n.sm().write(withData, null).get();
            assertThat(n.sm().staged().count()).isEqualTo(1);
            // what a lagging peer gets when the leader's cache no longer holds the entry's data
            BlobBundle served = BlobBundle.parseFrom(n.sm().read(withData, null).get().toByteArray());
            assertThat(served.getBlobsList()).extracting(com.google.protobuf.ByteString::toByteArray).containsExactly(blob);
            assertThat(served.getPurged()).isZero();

            n.sm().applyEntry(5, ByteBuffer.wrap(logged.toByteArray()));
            assertThat(fx.ledger.head().height()).isEqualTo(1);
            assertThat(n.sm().staged().count()).as("applied entries leave nothing staged").isZero();
            // no tx attached the blob, so once applied this node no longer holds it: served as purged, never empty
            BlobBundle after = BlobBundle.parseFrom(n.sm().read(withData, null).get().toByteArray());
            assertThat(after.getBlobsCount()).isZero();
            assertThat(after.getPurged()).isEqualTo(1);

            // entries Raft truncates (never committed) take their staged blobs with them
            n.sm().write(entry(9, logged, BlobBundle.newBuilder()
                    .addBlobs(com.google.protobuf.ByteString.copyFrom(blob)).build()), null).get();
            n.sm().write(entry(12, logged, BlobBundle.newBuilder()
                    .addBlobs(com.google.protobuf.ByteString.copyFrom(blob)).build()), null).get();
            assertThat(n.sm().staged().count()).isEqualTo(2);
            n.sm().truncate(10).get();
            assertThat(n.sm().staged().count()).isEqualTo(1);
            n.sm().staged().dropUpTo(9);
            assertThat(n.sm().staged().count()).isZero();
        }
    }

    private static LogEntryProto entry(long index, RaftEntry logged, BlobBundle data) {
        return LogEntryProto.newBuilder().setTerm(1).setIndex(index)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
                        .setLogData(UnsafeByteOperations.unsafeWrap(logged.toByteArray()))
                        .setStateMachineEntry(StateMachineEntryProto.newBuilder()
                                .setStateMachineData(UnsafeByteOperations.unsafeWrap(data.toByteArray()))))
                .build();
    }
}
