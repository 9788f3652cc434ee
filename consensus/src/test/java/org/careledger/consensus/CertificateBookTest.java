package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockSignature;
import org.careledger.ledger.CommittedBlock;
import org.careledger.storage.Column;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateBookTest {
    @TempDir
    Path dir;
    private LedgerFixture fx;
    private final List<String> forks = new ArrayList<>();
    private CertificateBook book;
    private CommittedBlock block1;

    @BeforeEach
    void setUp() {
        fx = new LedgerFixture(TestNetwork.create(4), dir);
        block1 = fx.apply(1, fx.net.registerMember(0));
        book = newBook();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private CertificateBook newBook() {
        return new CertificateBook(fx.ledger, new NodeKeys(fx.net.genesis), "org-a/node", fx.net.genesis.quorum(), forks::add);
    }

    private BlockSignature sig(int org, long height, Hash hash) {
        TestNetwork.Org o = fx.net.orgs.get(org);
        return NodeKeys.sign(o.node(), o.id() + "/node", height, hash);
    }

    @Test
    void aBlockIsFinalWithAQuorumOfDistinctValidSignaturesOverItsHash() {
        CompletableFuture<Void> finality = book.awaitFinal(1);
        book.record(List.of(sig(0, 1, block1.hash()), sig(1, 1, block1.hash())));
        book.record(List.of(sig(1, 1, block1.hash())));
        assertThat(finality).isNotDone();
        assertThat(book.finalHeight()).isZero();
        assertThat(book.certificate(1).orElseThrow().getSignaturesCount()).isEqualTo(2);

        book.record(List.of(sig(2, 1, block1.hash())));
        assertThat(finality).isCompleted();
        assertThat(book.finalHeight()).isEqualTo(1);
        assertThat(book.certificate(1).orElseThrow().getBlockHash().toByteArray()).isEqualTo(block1.hash().bytes());
        assertThat(newBook().finalHeight()).as("restored from the store").isEqualTo(1);
        assertThat(book.unsignedBy("org-d/node", 1, 1, 10)).containsKey(1L);
        assertThat(book.unsignedBy("org-a/node", 1, 1, 10)).isEmpty();
        assertThat(forks).isEmpty();
    }

    @Test
    void invalidSignaturesAreDropped() {
        BlockSignature good = sig(1, 1, block1.hash());
        BlockSignature forged = good.toBuilder().setSignature(sig(1, 1, Hash.sha256(new byte[] {1})).getSignature()).build();
        BlockSignature stranger = good.toBuilder().setNodeId("org-z/node").build();
        BlockSignature otherKey = sig(2, 1, block1.hash()).toBuilder().setNodeId("org-b/node").build();
        BlockSignature future = sig(1, 9, block1.hash());
        book.record(List.of(forged, stranger, otherKey, future));
        assertThat(book.certificate(1)).isEmpty();
        assertThat(forks).isEmpty();
    }

    @Test
    void aQuorumOfOthersOverAnotherHashIsAFork() {
        Hash other = Hash.sha256("another block".getBytes());
        book.record(List.of(sig(1, 1, other), sig(2, 1, other)));
        assertThat(forks).as("two of three is not yet a quorum").isEmpty();
        assertThat(fx.ledger.store().get(Column.CERTIFICATES, CertificateBook.conflictKey(1))).isPresent();

        book.record(List.of(sig(3, 1, other), sig(3, 1, other)));
        assertThat(forks).hasSize(1);
        assertThat(forks.get(0)).contains("block 1 forked").contains(other.hex()).contains(block1.hash().hex());
    }

    @Test
    void ownSignatureOverAnotherHashDoesNotCountTowardsAFork() {
        Hash other = Hash.sha256("x".getBytes());
        book.record(List.of(sig(0, 1, other), sig(1, 1, other), sig(2, 1, other)));
        assertThat(forks).isEmpty();
    }

    @Test
    void stoppingFailsWaiters() {
        CompletableFuture<Void> w = book.awaitFinal(5);
        book.stop(new org.careledger.core.CareledgerException("NODE_HALTED", "test"));
        assertThat(w).isCompletedExceptionally();
        assertThat(book.awaitFinal(6)).isCompletedExceptionally();
    }
}
