package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.merkle.InMemoryMerkleNodeStore;
import org.careledger.core.merkle.MerkleLog;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxLocation;
import org.careledger.core.proto.TxResult;
import org.careledger.core.proto.ValidationCode;
import org.careledger.crypto.x509.Validity;
import org.careledger.storage.Column;
import org.careledger.storage.StoreCursor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    private static TestNetwork net;

    @TempDir
    Path tmp;

    @BeforeAll
    static void network() {
        net = new TestNetwork();
    }

    private static List<TxEnvelope> registrations(String org, long firstNonce, int n, String prefix) {
        List<TxEnvelope> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(net.register(org, firstNonce + i, net.member(org, prefix + "-" + i, "practitioner")));
        }
        return txs;
    }

    @Test
    void batchesBecomeLinkedBlocksWithTheRfc6962RootOfAllTxIds() {
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            assertThat(ledger.head().height()).isZero();
            assertThat(ledger.head().hash()).isEqualTo(net.genesis.hash());
            assertThat(ledger.head().logSize()).isZero();
            assertThat(ledger.genesisHash()).isEqualTo(net.genesis.hash());

            MerkleLog reference = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
            Hash prev = net.genesis.hash();
            long logSize = 0;
            int[] sizes = {1, 3, 2, 5, 1};
            for (int b = 0; b < sizes.length; b++) {
                List<TxEnvelope> txs = registrations(TestNetwork.ORGS.get(b % 4), 100L * b, sizes[b], "m" + b);
                CommittedBlock block = ledger.apply(TestNetwork.batch(b + 1, txs));
                BlockHeader h = block.header();
                logSize += sizes[b];
                for (TxEnvelope tx : txs) {
                    reference.append(Hash.sha256(tx.getPayload().toByteArray()).bytes());
                }
                assertThat(block.height()).isEqualTo(b + 1);
                assertThat(h.getHeight()).isEqualTo(b + 1);
                assertThat(h.getChainId()).isEqualTo("careledger-test");
                assertThat(Hash.of(h.getPrevHash().toByteArray())).isEqualTo(prev);
                assertThat(block.hash()).isEqualTo(Hash.sha256(block.block().getHeader().toByteArray()));
                assertThat(h.getLogSize()).isEqualTo(logSize);
                assertThat(h.getLogRoot().toByteArray()).isEqualTo(reference.root());
                assertThat(h.getTxCount()).isEqualTo(sizes[b]);
                assertThat(h.getTimestampMillis()).isEqualTo(TestNetwork.T0.plusSeconds(b + 1).toEpochMilli());
                assertThat(h.getProposer()).isEqualTo("hospital-a/node");
                assertThat(h.getLogIndex()).isEqualTo(b + 1);
                assertThat(block.block().getResultsList()).extracting(TxResult::getCode).containsOnly(ValidationCode.VALID);
                assertThat(block.txIds()).containsExactlyElementsOf(txs.stream().map(t -> Hash.sha256(t.getPayload().toByteArray())).toList());

                assertThat(ledger.head().height()).isEqualTo(b + 1);
                assertThat(ledger.head().hash()).isEqualTo(block.hash());
                assertThat(ledger.head().logSize()).isEqualTo(logSize);
                assertThat(ledger.appliedIndex()).isEqualTo(b + 1);
                Block stored = ledger.block(b + 1).orElseThrow();
                assertThat(stored).isEqualTo(block.block());
                assertThat(Ledger.header(stored)).isEqualTo(h);
                for (int i = 0; i < txs.size(); i++) {
                    TxLocation loc = ledger.location(block.txIds().get(i)).orElseThrow();
                    assertThat(loc.getHeight()).isEqualTo(b + 1);
                    assertThat(loc.getIndex()).isEqualTo(i);
                    assertThat(loc.getLogIndex()).isEqualTo(logSize - sizes[b] + i);
                }
                assertThat(ledger.logRoot(logSize)).isEqualTo(reference.root());
                prev = block.hash();
            }
            assertThat(ledger.block(0)).isEmpty();
            assertThat(ledger.block(6)).isEmpty();
            assertThat(ledger.blocks(2, 100)).hasSize(4);
            assertThat(ledger.blocks(0, 2)).hasSize(2);
            assertThat(ledger.location(Hash.sha256("nope".getBytes()))).isEmpty();
        }
    }

    @Test
    void blockTimeNeverRunsBackwards() {
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            long t1 = TestNetwork.T0.plusSeconds(60).toEpochMilli();
            ledger.apply(new OrderedBatch(1, t1, "p", registrations("hospital-a", 1, 1, "t1")));
            CommittedBlock b2 = ledger.apply(new OrderedBatch(2, t1 - 30_000, "p", registrations("hospital-a", 2, 1, "t2")));
            assertThat(b2.header().getTimestampMillis()).isEqualTo(t1);
            CommittedBlock b3 = ledger.apply(new OrderedBatch(3, t1 + 5, "p", registrations("hospital-a", 3, 1, "t3")));
            assertThat(b3.header().getTimestampMillis()).isEqualTo(t1 + 5);
        }
    }

    @Test
    void anEmptyBatchIsRefused() {
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            assertThatThrownBy(() -> ledger.apply(TestNetwork.batch(1, List.of())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ledger.head().height()).isZero();
        }
    }

    /** One block with one tx per validation code; each gets its own code and only valid ones change state. */
    @Test
    void everyTxGetsItsValidationCode() {
        TestNetwork.Member lee = net.member("hospital-a", "dr-lee", "practitioner");
        TestNetwork.Member kim = net.member("hospital-a", "dr-kim", "practitioner");
        TestNetwork.Member foreign = net.memberIssuedBy("hospital-a", "hospital-b", "dr-foreign");
        TestNetwork.Member expired = net.member("hospital-a", "dr-old", "practitioner",
                new Validity(TestNetwork.T0.minus(Duration.ofDays(20)), TestNetwork.T0.minus(Duration.ofDays(10))));
        TestNetwork.Member future = net.member("hospital-a", "dr-future", "practitioner",
                new Validity(TestNetwork.T0.plus(Duration.ofDays(10)), TestNetwork.T0.plus(Duration.ofDays(20))));
        var adminA = net.admin("hospital-a");
        byte[] garbage = {0x0a, (byte) 0xff, 0x13, 0x37, 0x42};
        List<TxEnvelope> txs = List.of(
                /* 0 */ net.register("hospital-a", 1, lee),
                /* 1 */ TestNetwork.flipSignature(net.register("hospital-a", 2, kim)),
                /* 2 */ net.signed("hospital-a/nobody", adminA, 3, "membership", "registerMember", "{}".getBytes()),
                /* 3 */ net.register("hospital-a", 1, kim),
                /* 4 */ TestNetwork.signedFor("other-chain", "hospital-a/admin", adminA, 4, "membership",
                        "registerMember", "{}".getBytes()),
                /* 5 */ TestNetwork.envelope(garbage, new byte[64]),
                /* 6 */ net.signed("hospital-a/admin", adminA, 5, "no-such-contract", "x", "{}".getBytes()),
                /* 7 */ net.signed("hospital-a/admin", adminA, 6, "membership", "promote", "{}".getBytes()),
                /* 8 */ net.register("hospital-a", 7, lee),
                /* 9 */ net.memberCall(lee, 1),
                /* 10 */ net.register("hospital-a", 8, foreign),
                /* 11 */ net.register("hospital-a", 9, expired),
                /* 12 */ net.register("hospital-a", 10, future),
                /* 13 */ net.signed("hospital-a/admin", adminA, 11, "membership", "registerMember", "not json".getBytes()),
                /* 14 */ net.signed("hospital-b/admin", net.admin("hospital-b"), 1, "membership", "revokeMember",
                        "{\"name\":\"dr-lee\"}".getBytes()),
                /* 15 */ TestNetwork.envelope(TestNetwork.payload("careledger-test", "hospital-a/admin", 12, "membership",
                        "registerMember", "{}".getBytes()), new byte[0]),
                /* 16 */ net.register("hospital-a", 2, kim));
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            CommittedBlock block = ledger.apply(TestNetwork.batch(1, txs));
            List<TxResult> r = block.block().getResultsList();
            assertThat(r).hasSize(txs.size());
            expect(r.get(0), ValidationCode.VALID, "");
            expect(r.get(1), ValidationCode.BAD_SIGNATURE, "TX_SIGNATURE_INVALID");
            expect(r.get(2), ValidationCode.UNKNOWN_SIGNER, "TX_UNKNOWN_SIGNER");
            expect(r.get(3), ValidationCode.REPLAY, "TX_REPLAY");
            expect(r.get(4), ValidationCode.WRONG_CHAIN, "TX_WRONG_CHAIN");
            expect(r.get(5), ValidationCode.MALFORMED, "TX_MALFORMED");
            expect(r.get(6), ValidationCode.CONTRACT_ERROR, "CONTRACT_UNKNOWN");
            expect(r.get(7), ValidationCode.CONTRACT_ERROR, "METHOD_UNKNOWN");
            expect(r.get(8), ValidationCode.CONTRACT_ERROR, "MEMBER_EXISTS");
            expect(r.get(9), ValidationCode.CONTRACT_ERROR, "NOT_ORG_ADMIN");
            expect(r.get(10), ValidationCode.CONTRACT_ERROR, "CERT_NOT_SIGNED_BY_CA");
            expect(r.get(11), ValidationCode.CONTRACT_ERROR, "CERT_EXPIRED");
            expect(r.get(12), ValidationCode.CONTRACT_ERROR, "CERT_NOT_YET_VALID");
            expect(r.get(13), ValidationCode.CONTRACT_ERROR, "ARGS_INVALID");
            expect(r.get(14), ValidationCode.CONTRACT_ERROR, "MEMBER_UNKNOWN"); // b's admin cannot reach a's members
            expect(r.get(15), ValidationCode.MALFORMED, "TX_MALFORMED");
            // the forged tx #1 did not burn nonce 2: the genuine one with that nonce goes through
            expect(r.get(16), ValidationCode.VALID, "");
            assertThat(r.get(1).getMessage()).contains("hospital-a/admin");
            assertThat(r.get(10).getMessage()).contains("hospital-a/dr-foreign");
            for (TxResult res : r) {
                if (res.getCode() != ValidationCode.VALID) {
                    assertThat(res.getMessage()).as(res.getErrorCode()).isNotBlank();
                    assertThat(res.getEventsList()).isEmpty();
                }
            }
            assertThat(r.get(0).getEventsList()).singleElement()
                    .satisfies(e -> assertThat(e.getType()).isEqualTo("MemberRegistered"));

            assertThat(ledger.identity("hospital-a/dr-lee")).isPresent();
            assertThat(ledger.identity("hospital-a/dr-kim")).isPresent();
            for (String refused : List.of("dr-foreign", "dr-old", "dr-future", "someone-1")) {
                assertThat(ledger.identity("hospital-a/" + refused)).as(refused).isEmpty();
            }
            // authenticated txs consume their nonce even when refused by the contract; forged/unknown ones do not
            for (long used : new long[] {1, 2, 5, 6, 7, 8, 9, 10, 11}) {
                assertThat(ledger.nonceUsed("hospital-a/admin", used)).as("nonce " + used).isTrue();
            }
            assertThat(ledger.nonceUsed("hospital-a/admin", 3)).isFalse();
            assertThat(ledger.nonceUsed("hospital-a/admin", 4)).isFalse();
            assertThat(ledger.nonceUsed("hospital-a/admin", 12)).isFalse();
            assertThat(ledger.nonceUsed("hospital-a/nobody", 3)).isFalse();

            // a contract-refused tx cannot be replayed either: same nonce in a later block is a REPLAY
            CommittedBlock next = ledger.apply(TestNetwork.batch(2,
                    net.signed("hospital-a/admin", adminA, 6, "membership", "promote", "{\"again\":1}".getBytes()),
                    txs.get(0)));
            expect(next.block().getResults(0), ValidationCode.REPLAY, "TX_REPLAY");
            expect(next.block().getResults(1), ValidationCode.REPLAY, "TX_REPLAY");
        }
    }

    @Test
    void theSameTxTwiceInOneBlockIsAReplayAndIndexedOnce() {
        TxEnvelope tx = net.register("hospital-b", 1, net.member("hospital-b", "nurse-joy", "nurse"));
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            CommittedBlock b = ledger.apply(TestNetwork.batch(1, tx, tx));
            expect(b.block().getResults(0), ValidationCode.VALID, "");
            expect(b.block().getResults(1), ValidationCode.REPLAY, "TX_REPLAY");
            assertThat(b.header().getLogSize()).isEqualTo(2);
            TxLocation loc = ledger.location(Hash.sha256(tx.getPayload().toByteArray())).orElseThrow();
            assertThat(loc.getIndex()).isZero();
            assertThat(loc.getLogIndex()).isZero();
            // and across blocks: the committed one keeps its place
            CommittedBlock b2 = ledger.apply(TestNetwork.batch(2, tx));
            expect(b2.block().getResults(0), ValidationCode.REPLAY, "TX_REPLAY");
            assertThat(ledger.location(Hash.sha256(tx.getPayload().toByteArray())).orElseThrow().getHeight()).isEqualTo(1);
        }
    }

    @Test
    void aMemberCanSignInTheNextBlockAndLaterInTheBlockThatRegistersIt() {
        TestNetwork.Member lee = net.member("hospital-a", "dr-lee", "practitioner");
        TestNetwork.Member ray = net.member("pharmacy-c", "ray", "pharmacist");
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            CommittedBlock b1 = ledger.apply(TestNetwork.batch(1,
                    net.memberCall(ray, 1),                  // before its registration: unknown
                    net.register("pharmacy-c", 1, ray),
                    net.memberCall(ray, 2),                  // same block, after: authenticated
                    TestNetwork.flipSignature(net.memberCall(ray, 3)),
                    net.register("hospital-a", 1, lee)));
            expect(b1.block().getResults(0), ValidationCode.UNKNOWN_SIGNER, "TX_UNKNOWN_SIGNER");
            expect(b1.block().getResults(1), ValidationCode.VALID, "");
            expect(b1.block().getResults(2), ValidationCode.CONTRACT_ERROR, "NOT_ORG_ADMIN");
            expect(b1.block().getResults(3), ValidationCode.BAD_SIGNATURE, "TX_SIGNATURE_INVALID");
            expect(b1.block().getResults(4), ValidationCode.VALID, "");

            CommittedBlock b2 = ledger.apply(TestNetwork.batch(2, net.memberCall(lee, 1), net.memberCall(ray, 2),
                    net.memberCall(ray, 3)));
            expect(b2.block().getResults(0), ValidationCode.CONTRACT_ERROR, "NOT_ORG_ADMIN");
            expect(b2.block().getResults(1), ValidationCode.REPLAY, "TX_REPLAY");
            expect(b2.block().getResults(2), ValidationCode.CONTRACT_ERROR, "NOT_ORG_ADMIN");

            Identity id = ledger.identity("pharmacy-c/ray").orElseThrow();
            assertThat(id.kind()).isEqualTo(Identity.Kind.MEMBER);
            assertThat(id.org()).isEqualTo("pharmacy-c");
            assertThat(id.roles()).containsExactly("pharmacist");
            assertThat(id.publicKey()).isEqualTo(ray.signer().publicKey());
        }
    }

    @Test
    void aRevokedMemberIsAnUnknownSigner() {
        TestNetwork.Member lee = net.member("hospital-a", "dr-lee", "practitioner");
        TestNetwork.Member kim = net.member("hospital-a", "dr-kim", "practitioner");
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            ledger.apply(TestNetwork.batch(1, net.register("hospital-a", 1, lee), net.register("hospital-a", 2, kim)));
            assertThat(ledger.identity("hospital-a/dr-lee")).isPresent(); // cached now
            CommittedBlock b2 = ledger.apply(TestNetwork.batch(2,
                    net.memberCall(kim, 1),
                    net.revoke("hospital-a", 3, "dr-kim"),
                    net.memberCall(kim, 2),                   // same block, after the revocation
                    net.revoke("hospital-a", 4, "dr-lee"),
                    net.revoke("hospital-a", 5, "admin"),
                    net.revoke("hospital-a", 6, "dr-never")));
            expect(b2.block().getResults(0), ValidationCode.CONTRACT_ERROR, "NOT_ORG_ADMIN");
            expect(b2.block().getResults(1), ValidationCode.VALID, "");
            expect(b2.block().getResults(2), ValidationCode.UNKNOWN_SIGNER, "TX_UNKNOWN_SIGNER");
            expect(b2.block().getResults(3), ValidationCode.VALID, "");
            expect(b2.block().getResults(4), ValidationCode.CONTRACT_ERROR, "MEMBER_UNKNOWN");
            expect(b2.block().getResults(5), ValidationCode.CONTRACT_ERROR, "MEMBER_UNKNOWN");
            assertThat(b2.block().getResults(1).getEvents(0).getType()).isEqualTo("MemberRevoked");

            // the identity cache must not keep a revoked member alive
            assertThat(ledger.identity("hospital-a/dr-lee")).isEmpty();
            assertThat(ledger.state("revoked/hospital-a/dr-lee")).isPresent();
            CommittedBlock b3 = ledger.apply(TestNetwork.batch(3, net.memberCall(lee, 7), net.memberCall(kim, 8)));
            expect(b3.block().getResults(0), ValidationCode.UNKNOWN_SIGNER, "TX_UNKNOWN_SIGNER");
            expect(b3.block().getResults(1), ValidationCode.UNKNOWN_SIGNER, "TX_UNKNOWN_SIGNER");

            // a new certificate may be registered under the revoked name
            TestNetwork.Member lee2 = net.member("hospital-a", "dr-lee", "practitioner");
            CommittedBlock b4 = ledger.apply(TestNetwork.batch(4, net.register("hospital-a", 7, lee2),
                    net.memberCall(lee, 9), net.memberCall(lee2, 10)));
            expect(b4.block().getResults(0), ValidationCode.VALID, "");
            expect(b4.block().getResults(1), ValidationCode.BAD_SIGNATURE, "TX_SIGNATURE_INVALID"); // old key
            expect(b4.block().getResults(2), ValidationCode.CONTRACT_ERROR, "NOT_ORG_ADMIN");
        }
    }

    @Test
    void aNotaryAnchorStoresAndEmitsTheSameCanonicalJson() {
        TestNetwork.Member lee = net.member("hospital-a", "dr-lee", "practitioner");
        String hex = "0123456789abcdef".repeat(4);
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            ledger.apply(TestNetwork.batch(1, net.register("hospital-a", 1, lee)));
            CommittedBlock b = ledger.apply(TestNetwork.batch(2,
                    anchor(lee, 1, "doc-1", hex),
                    anchor(lee, 2, "doc-1", hex),                       // first anchor wins
                    anchor(lee, 3, "doc-2", hex.toUpperCase()),         // lowercase hex only
                    anchor(lee, 4, "doc-3", hex.substring(1)),          // 63 characters
                    anchor(lee, 5, "doc-4", hex.substring(1) + "g"),    // not hex
                    anchor(lee, 6, "-bad-id", hex)));
            expect(b.block().getResults(0), ValidationCode.VALID, "");
            expect(b.block().getResults(1), ValidationCode.CONTRACT_ERROR, "ANCHOR_EXISTS");
            expect(b.block().getResults(2), ValidationCode.CONTRACT_ERROR, "DOCUMENT_HASH_INVALID");
            expect(b.block().getResults(3), ValidationCode.CONTRACT_ERROR, "DOCUMENT_HASH_INVALID");
            expect(b.block().getResults(4), ValidationCode.CONTRACT_ERROR, "DOCUMENT_HASH_INVALID");
            expect(b.block().getResults(5), ValidationCode.CONTRACT_ERROR, "DOCUMENT_ID_INVALID");
            byte[] stored = ledger.state("anchor/hospital-a/doc-1").orElseThrow();
            var expected = new org.careledger.contracts.notary.DocumentAnchor("hospital-a", "doc-1", hex, "lab-report",
                    lee.id(), b.header().getTimestampMillis(), 2);
            assertThat(new String(stored, StandardCharsets.UTF_8))
                    .isEqualTo(new String(org.careledger.core.json.CanonicalJson.encode(expected), StandardCharsets.UTF_8));
            assertThat(b.block().getResults(0).getEvents(0).getType()).isEqualTo("DocumentAnchored");
            assertThat(b.block().getResults(0).getEvents(0).getData().toByteArray()).isEqualTo(stored);
        }
    }

    private static TxEnvelope anchor(TestNetwork.Member m, long nonce, String documentId, String sha256) {
        return net.signed(m.id(), m.signer(), nonce, "notary", "anchor", org.careledger.core.json.CanonicalJson.encode(
                new org.careledger.contracts.notary.AnchorDocument(documentId, sha256, "lab-report")));
    }

    @Test
    void twoStoresFedTheSameBatchesAreByteIdentical() {
        List<OrderedBatch> batches = new ArrayList<>();
        TestNetwork.Member m = net.member("insurer-d", "adjuster", "clerk");
        batches.add(TestNetwork.batch(1, net.register("insurer-d", 1, m), net.memberCall(m, 1)));
        batches.add(TestNetwork.batch(2, registrations("hospital-b", 10, 4, "det")));
        batches.add(TestNetwork.batch(3, net.memberCall(m, 2), TestNetwork.flipSignature(net.memberCall(m, 3)),
                net.revoke("insurer-d", 2, "adjuster"), net.memberCall(m, 4)));
        try (Ledger a = net.open(tmp.resolve("a")); Ledger b = net.open(tmp.resolve("b"))) {
            for (OrderedBatch batch : batches) {
                CommittedBlock ba = a.apply(batch);
                CommittedBlock bb = b.apply(batch);
                assertThat(ba.hash()).isEqualTo(bb.hash());
                assertThat(ba.block().toByteArray()).isEqualTo(bb.block().toByteArray());
            }
            assertThat(a.head()).isEqualTo(b.head());
            a.store().flush();
            b.store().flush();
            for (Column c : Column.values()) {
                assertSameColumn(a, b, c);
            }
        }
    }

    @Test
    void reopeningResumesTheHeadAndTheMerkleLog() {
        Path dir = tmp.resolve("db");
        List<Hash> ids = new ArrayList<>();
        ChainHead before;
        try (Ledger ledger = net.open(dir)) {
            for (int b = 1; b <= 3; b++) {
                ids.addAll(ledger.apply(TestNetwork.batch(b, registrations("hospital-a", b * 10L, b + 2, "r" + b))).txIds());
            }
            before = ledger.head();
        }
        try (Ledger ledger = net.open(dir)) {
            assertThat(ledger.head().height()).isEqualTo(before.height());
            assertThat(ledger.head().hash()).isEqualTo(before.hash());
            assertThat(ledger.head().logSize()).isEqualTo(before.logSize());
            assertThat(ledger.head().header()).isEqualTo(before.header());
            assertThat(ledger.appliedIndex()).isEqualTo(3);
            CommittedBlock b4 = ledger.apply(TestNetwork.batch(4, registrations("hospital-a", 40, 3, "r4")));
            ids.addAll(b4.txIds());
            assertThat(b4.header().getPrevHash().toByteArray()).isEqualTo(before.hash().bytes());
            MerkleLog reference = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
            ids.forEach(id -> reference.append(id.bytes()));
            assertThat(b4.header().getLogRoot().toByteArray()).isEqualTo(reference.root());
            assertThat(ledger.logRoot(before.logSize())).isEqualTo(before.header().getLogRoot().toByteArray());
            // nonces committed before the restart are still spent
            CommittedBlock b5 = ledger.apply(TestNetwork.batch(5, net.register("hospital-a", 10,
                    net.member("hospital-a", "late", "nurse"))));
            expect(b5.block().getResults(0), ValidationCode.REPLAY, "TX_REPLAY");
        }
        VerificationReport report = new LedgerVerifier(TestNetwork.contracts(), LedgerVerifier.CertificateCheck.NONE).verify(dir);
        assertThat(report.blocks()).isEqualTo(5);
        assertThat(report.transactions()).isEqualTo(ids.size() + 1);
    }

    @Test
    void aStoreMadeFromAnotherGenesisIsRefused() {
        Path dir = tmp.resolve("db");
        try (Ledger ledger = net.open(dir)) {
            ledger.apply(TestNetwork.batch(1, registrations("hospital-a", 1, 1, "g")));
        }
        TestNetwork other = new TestNetwork("careledger-other");
        assertThatThrownBy(() -> other.open(dir))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("GENESIS_MISMATCH");
                    assertThat(e.getMessage()).contains(dir.toString())
                            .contains(other.genesis.hash().hex().substring(0, 12))
                            .contains(net.genesis.hash().hex().substring(0, 12));
                });
        // same chain id, different keys: still another genesis
        TestNetwork sameName = new TestNetwork("careledger-test");
        assertThatThrownBy(() -> sameName.open(dir))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("GENESIS_MISMATCH"));
        // the refusal released the store and left it intact
        try (Ledger ledger = net.open(dir)) {
            assertThat(ledger.head().height()).isEqualTo(1);
            assertThat(Ledger.storedGenesis(ledger.store())).contains(net.genesis);
        }
    }

    @Test
    void genesisStateListsEveryOrgAdminAndNode() {
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            for (String org : TestNetwork.ORGS) {
                assertThat(ledger.state(StateKeys.org(org))).isPresent();
                Identity admin = ledger.identity(org + "/admin").orElseThrow();
                assertThat(admin.kind()).isEqualTo(Identity.Kind.ORG_ADMIN);
                assertThat(admin.roles()).contains("admin", org.substring(0, org.indexOf('-')));
                assertThat(admin.publicKey()).isEqualTo(net.admin(org).publicKey());
                assertThat(ledger.identity(org + "/node").orElseThrow().kind()).isEqualTo(Identity.Kind.NODE);
            }
            assertThat(ledger.scanState(StateKeys.IDENTITY_PREFIX, 100)).hasSize(8);
            assertThat(ledger.scanState(StateKeys.ORG_PREFIX, 100)).hasSize(4);
            assertThat(ledger.genesis().quorum()).isEqualTo(3);
        }
    }

    /** Every committed tx is provable under the head and under every later header; every pair of sizes is consistent. */
    @Test
    void inclusionAndConsistencyProofsVerifyForEveryTxAndEveryPairOfBlocks() {
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            List<CommittedBlock> blocks = new ArrayList<>();
            int[] sizes = {1, 2, 3, 1, 4, 1, 7, 2};
            for (int b = 0; b < sizes.length; b++) {
                List<TxEnvelope> txs = new ArrayList<>(registrations(TestNetwork.ORGS.get(b % 4), 100L * b, sizes[b], "p" + b));
                if (b == 3) {
                    txs.add(txs.get(0)); // a replay is committed too and proven like the rest
                }
                blocks.add(ledger.apply(TestNetwork.batch(b + 1, txs)));
            }
            long total = ledger.head().logSize();
            for (CommittedBlock block : blocks) {
                long first = block.header().getLogSize() - block.txIds().size();
                for (int i = 0; i < block.txIds().size(); i++) {
                    byte[] leaf = Rfc6962.leafHash(block.txIds().get(i).bytes());
                    long index = first + i;
                    for (CommittedBlock later : blocks) {
                        long size = later.header().getLogSize();
                        if (size <= index) {
                            continue;
                        }
                        byte[] root = later.header().getLogRoot().toByteArray();
                        assertThat(ledger.inclusionProof(index, size).verify(leaf, root))
                                .as("leaf %d under block %d", index, later.height()).isTrue();
                    }
                    // and not for another leaf or root
                    byte[] headRoot = ledger.head().header().getLogRoot().toByteArray();
                    assertThat(ledger.inclusionProof(index, total).verify(Rfc6962.leafHash(new byte[32]), headRoot)).isFalse();
                }
            }
            for (CommittedBlock a : blocks) {
                for (CommittedBlock b : blocks) {
                    long m = a.header().getLogSize();
                    long n = b.header().getLogSize();
                    if (m > n) {
                        continue;
                    }
                    assertThat(ledger.consistencyProof(m, n).verify(a.header().getLogRoot().toByteArray(),
                            b.header().getLogRoot().toByteArray())).as("%d -> %d", m, n).isTrue();
                    if (m < n) {
                        assertThat(ledger.consistencyProof(m, n).verify(b.header().getLogRoot().toByteArray(),
                                b.header().getLogRoot().toByteArray())).isFalse();
                    }
                }
            }
            assertThatThrownBy(() -> ledger.inclusionProof(total, total)).isInstanceOfSatisfying(CareledgerException.class,
                    e -> assertThat(e.code()).isEqualTo("PROOF_OUT_OF_RANGE"));
            assertThatThrownBy(() -> ledger.inclusionProof(0, total + 1)).isInstanceOfSatisfying(CareledgerException.class,
                    e -> assertThat(e.code()).isEqualTo("PROOF_OUT_OF_RANGE"));
            assertThatThrownBy(() -> ledger.consistencyProof(0, total)).isInstanceOfSatisfying(CareledgerException.class,
                    e -> assertThat(e.code()).isEqualTo("PROOF_OUT_OF_RANGE"));
            assertThatThrownBy(() -> ledger.consistencyProof(3, 2)).isInstanceOfSatisfying(CareledgerException.class,
                    e -> assertThat(e.code()).isEqualTo("PROOF_OUT_OF_RANGE"));
            assertThatThrownBy(() -> ledger.consistencyProof(1, total + 1)).isInstanceOfSatisfying(CareledgerException.class,
                    e -> assertThat(e.code()).isEqualTo("PROOF_OUT_OF_RANGE"));
        }
    }

    @Test
    void listenersSeeEveryBlockAndAFailingOneDoesNotStopTheLedger() {
        try (Ledger ledger = net.open(tmp.resolve("db"))) {
            AtomicInteger seen = new AtomicInteger();
            ledger.addListener(b -> {
                throw new IllegalStateException("listener bug");
            });
            ledger.addListener(b -> seen.addAndGet((int) b.height()));
            ledger.apply(TestNetwork.batch(1, registrations("hospital-a", 1, 1, "l1")));
            ledger.apply(TestNetwork.batch(2, registrations("hospital-a", 2, 1, "l2")));
            assertThat(seen).hasValue(3);
            assertThat(ledger.head().height()).isEqualTo(2);
        }
    }

    @Test
    void verifyPassesOnAnUntouchedStore() {
        Path dir = tmp.resolve("db");
        Hash head;
        try (Ledger ledger = net.open(dir)) {
            ledger.apply(TestNetwork.batch(1, registrations("hospital-a", 1, 3, "v")));
            ledger.apply(TestNetwork.batch(2, TestNetwork.flipSignature(net.register("hospital-b", 1,
                    net.member("hospital-b", "x", "nurse"))), TestNetwork.envelope(new byte[] {1, 2, 3}, new byte[] {4})));
            head = ledger.head().hash();
        }
        VerificationReport r = new LedgerVerifier(TestNetwork.contracts(), LedgerVerifier.CertificateCheck.NONE).verify(dir);
        assertThat(r.blocks()).isEqualTo(2);
        assertThat(r.transactions()).isEqualTo(5);
        assertThat(r.headHash()).isEqualTo(head);
        assertThat(r.certifiedBlocks()).isZero();

        Path genesisOnly = tmp.resolve("empty");
        net.open(genesisOnly).close();
        VerificationReport empty = new LedgerVerifier(TestNetwork.contracts(), LedgerVerifier.CertificateCheck.NONE)
                .verify(genesisOnly);
        assertThat(empty.blocks()).isZero();
        assertThat(empty.headHash()).isEqualTo(net.genesis.hash());
    }

    static void expect(TxResult r, ValidationCode code, String errorCode) {
        assertThat(r.getCode()).as("%s %s: %s", r.getCode(), r.getErrorCode(), r.getMessage()).isEqualTo(code);
        assertThat(r.getErrorCode()).as(r.getMessage()).isEqualTo(errorCode);
    }

    static void assertSameColumn(Ledger a, Ledger b, Column c) {
        try (StoreCursor x = a.store().cursor(c); StoreCursor y = b.store().cursor(c)) {
            while (x.valid() || y.valid()) {
                assertThat(x.valid()).as(c.familyName()).isEqualTo(y.valid());
                assertThat(x.key()).as(c.familyName()).isEqualTo(y.key());
                assertThat(x.value()).as(c.familyName() + " " + new String(x.key(), StandardCharsets.UTF_8)).isEqualTo(y.value());
                x.next();
                y.next();
            }
        }
    }
}
