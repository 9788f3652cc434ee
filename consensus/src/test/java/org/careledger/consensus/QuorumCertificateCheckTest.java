package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockSignature;
import org.careledger.core.proto.QuorumCertificate;
import org.careledger.ledger.CommittedBlock;
import org.careledger.storage.Column;
import org.careledger.storage.WriteSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuorumCertificateCheckTest {
    @TempDir
    Path dir;
    private LedgerFixture fx;
    private CommittedBlock b1;
    private CommittedBlock b2;
    private LongFunction<Hash> hashes;

    @BeforeEach
    void setUp() {
        fx = new LedgerFixture(TestNetwork.create(4), dir);
        b1 = fx.apply(1, fx.net.registerMember(0));
        b2 = fx.apply(2, fx.net.registerMember(1));
        hashes = h -> h == 1 ? b1.hash() : h == 2 ? b2.hash() : null;
        CertificateBook book = new CertificateBook(fx.ledger, new NodeKeys(fx.net.genesis), "org-a/node", 3, r -> { });
        book.record(List.of(sig(0, 1, b1.hash()), sig(1, 1, b1.hash()), sig(2, 1, b1.hash()), sig(3, 1, b1.hash())));
        book.record(List.of(sig(0, 2, b2.hash()), sig(1, 2, b2.hash())));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private BlockSignature sig(int org, long height, Hash hash) {
        TestNetwork.Org o = fx.net.orgs.get(org);
        return NodeKeys.sign(o.node(), o.id() + "/node", height, hash);
    }

    private long check(LongFunction<Hash> h) {
        return new QuorumCertificateCheck().check(fx.ledger.store(), fx.net.genesis, 2, h);
    }

    private void store(long height, QuorumCertificate qc) {
        fx.ledger.store().write(new WriteSet().put(Column.CERTIFICATES, CertificateBook.certificateKey(height), qc.toByteArray()));
    }

    private QuorumCertificate stored(long height) {
        return CertificateBook.parseCertificate(fx.ledger.store().get(Column.CERTIFICATES,
                CertificateBook.certificateKey(height)).orElseThrow());
    }

    @Test
    void countsBlocksWithAQuorumAndAcceptsUnfinishedCertificates() {
        assertThat(check(hashes)).isEqualTo(1);
    }

    @Test
    void aCertificateOverAnotherHashFails() {
        assertThatThrownBy(() -> check(h -> h == 1 ? b2.hash() : b2.hash()))
                .isInstanceOf(CareledgerException.class).hasMessageContaining("block 1: certificate is over hash");
    }

    @Test
    void aBrokenSignatureFails() {
        QuorumCertificate qc = stored(1);
        BlockSignature bad = qc.getSignatures(2).toBuilder().setSignature(sig(2, 1, b2.hash()).getSignature()).build();
        store(1, qc.toBuilder().setSignatures(2, bad).build());
        assertThatThrownBy(() -> check(hashes)).isInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("VERIFY_FAILED"))
                .hasMessageContaining("block 1: certificate signature of org-c/node does not verify");
    }

    @Test
    void aSignatureCountedTwiceFails() {
        QuorumCertificate qc = stored(2);
        store(2, qc.toBuilder().addSignatures(qc.getSignatures(0)).build());
        assertThatThrownBy(() -> check(hashes)).hasMessageContaining("block 2: certificate counts org-a/node twice");
    }

    @Test
    void aSignatureOfANonMemberFails() {
        QuorumCertificate qc = stored(2);
        store(2, qc.toBuilder().addSignatures(qc.getSignatures(0).toBuilder().setNodeId("org-z/node")).build());
        assertThatThrownBy(() -> check(hashes)).hasMessageContaining("not a genesis node");
    }

    @Test
    void aCertificateBeyondTheHeadFails() {
        store(7, stored(1).toBuilder().setHeight(7).build());
        assertThatThrownBy(() -> check(hashes)).hasMessageContaining("block 7: certificate for a block the chain does not have");
    }
}
