package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.ValidationCode;
import org.careledger.storage.LedgerStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionTest {
    private static final int MAX_TX_BYTES = 4096;
    private static TestNetwork net;

    @TempDir
    Path tmp;
    private Ledger ledger;
    private Admission admission;

    @BeforeAll
    static void network() {
        net = new TestNetwork();
    }

    @BeforeEach
    void open() {
        ledger = Ledger.open(LedgerStore.open(tmp.resolve("db")), net.genesis, TestNetwork.contracts(), MAX_TX_BYTES);
        admission = new Admission(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void admitsAWellFormedSignedTxOfAKnownSigner() {
        TestNetwork.Member m = net.member("hospital-a", "dr-lee", "practitioner");
        TxEnvelope tx = net.register("hospital-a", 1, m);
        DecodedTx decoded = admission.admit(tx.toByteArray());
        assertThat(decoded.txId()).isEqualTo(Hash.sha256(tx.getPayload().toByteArray()));
        assertThat(decoded.payload().getSignerId()).isEqualTo("hospital-a/admin");
        assertThat(decoded.envelope()).isEqualTo(tx);
        assertThat(admission.admit(tx).txId()).isEqualTo(decoded.txId());
        // admission is a filter: it writes nothing
        assertThat(ledger.head().height()).isZero();
        assertThat(ledger.nonceUsed("hospital-a/admin", 1)).isFalse();
    }

    @Test
    void rejectsEachKindOfBadTxWithItsCode() {
        var admin = net.admin("hospital-a");
        TxEnvelope good = net.register("hospital-a", 1, net.member("hospital-a", "dr-lee", "practitioner"));
        rejects(() -> admission.admit(new byte[0]), "TX_MALFORMED");
        rejects(() -> admission.admit((byte[]) null), "TX_MALFORMED");
        rejects(() -> admission.admit(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}), "TX_MALFORMED");
        rejects(() -> admission.admit(new byte[MAX_TX_BYTES + 1]), "TX_TOO_LARGE");
        rejects(() -> admission.admit(net.signed("hospital-a/admin", admin, 2, "membership", "registerMember",
                new byte[MAX_TX_BYTES])), "TX_TOO_LARGE");
        rejects(() -> admission.admit(TestNetwork.envelope(new byte[] {9, 9, 9}, new byte[64])), "TX_MALFORMED");
        rejects(() -> admission.admit(good.toBuilder().setSignature(ByteString.EMPTY).build()), "TX_MALFORMED");
        rejects(() -> admission.admit(TestNetwork.envelope(TestNetwork.payload("careledger-test", "", 1, "membership",
                "x", new byte[0]), new byte[64])), "TX_MALFORMED");
        rejects(() -> admission.admit(TestNetwork.envelope(TestNetwork.payload("careledger-test", "hospital-a/admin", 1,
                "", "x", new byte[0]), new byte[64])), "TX_MALFORMED");
        // unknown fields are not silently dropped (they would change what was signed vs. what is executed)
        byte[] withUnknown = good.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(15, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
                .build().toByteArray();
        rejects(() -> admission.admit(withUnknown), "TX_MALFORMED");
        rejects(() -> admission.admit(TestNetwork.signedFor("other-chain", "hospital-a/admin", admin, 3, "membership",
                "registerMember", "{}".getBytes())), "TX_WRONG_CHAIN");
        rejects(() -> admission.admit(net.signed("hospital-a/ghost", admin, 4, "membership", "registerMember",
                "{}".getBytes())), "TX_UNKNOWN_SIGNER");
        rejects(() -> admission.admit(TestNetwork.flipSignature(good)), "TX_SIGNATURE_INVALID");
        // signed by b's admin key but claiming to be a's admin
        rejects(() -> admission.admit(net.signed("hospital-a/admin", net.admin("hospital-b"), 5, "membership",
                "registerMember", "{}".getBytes())), "TX_SIGNATURE_INVALID");
        assertThat(admission.admit(good.toByteArray())).isNotNull();
    }

    @Test
    void rejectsAReplayOfACommittedNonceAndTracksMembershipChanges() {
        TestNetwork.Member m = net.member("hospital-b", "nurse-joy", "nurse");
        TxEnvelope reg = net.register("hospital-b", 1, m);
        // before registration the member is unknown (and that answer is cached)
        rejects(() -> admission.admit(net.memberCall(m, 1)), "TX_UNKNOWN_SIGNER");
        ledger.apply(TestNetwork.batch(1, reg));
        rejects(() -> admission.admit(reg), "TX_REPLAY");
        rejects(() -> admission.admit(net.revoke("hospital-b", 1, "nurse-joy")), "TX_REPLAY");
        // the new member is admitted right after the block that registered it
        assertThat(admission.admit(net.memberCall(m, 1))).isNotNull();
        ledger.apply(TestNetwork.batch(2, net.revoke("hospital-b", 2, "nurse-joy")));
        rejects(() -> admission.admit(net.memberCall(m, 2)), "TX_UNKNOWN_SIGNER");
        assertThat(admission.admit(net.revoke("hospital-b", 3, "nobody"))).isNotNull();
    }

    @Test
    void applyReusesAdmissionOnlyForTheSameBytesUnderTheSameKey() throws Exception {
        TestNetwork.Member lee = net.member("hospital-a", "dr-lee", "practitioner");
        TestNetwork.Member kim = net.member("hospital-a", "dr-kim", "practitioner");
        ledger.apply(TestNetwork.batch(1, net.register("hospital-a", 1, lee), net.register("hospital-a", 2, kim)));

        // admitted, then ordered back as a different object with the same bytes (as the Raft log delivers it)
        TxEnvelope viaLog = net.memberCall(kim, 1);
        admission.admit(viaLog);
        // admitted under dr-lee's first key, which is replaced before the tx is applied
        TxEnvelope oldKey = net.memberCall(lee, 1);
        admission.admit(oldKey);
        TestNetwork.Member lee2 = net.member("hospital-a", "dr-lee", "practitioner");
        ledger.apply(TestNetwork.batch(2, net.revoke("hospital-a", 3, "dr-lee")));
        ledger.apply(TestNetwork.batch(3, net.register("hospital-a", 4, lee2)));
        // admitted, then a different signature over the same payload is ordered
        TxEnvelope admitted = net.memberCall(kim, 2);
        admission.admit(admitted);

        CommittedBlock b = ledger.apply(TestNetwork.batch(4, TxEnvelope.parseFrom(viaLog.toByteArray()), oldKey,
                TestNetwork.flipSignature(admitted)));
        assertThat(b.block().getResults(0).getCode()).isEqualTo(ValidationCode.CONTRACT_ERROR); // authenticated
        assertThat(b.block().getResults(1).getCode()).isEqualTo(ValidationCode.BAD_SIGNATURE);
        assertThat(b.block().getResults(2).getCode()).isEqualTo(ValidationCode.BAD_SIGNATURE);
    }

    private static void rejects(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
