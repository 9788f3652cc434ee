package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.ValidationCode;

/**
 * Random mixes of valid and invalid transactions in random batches: two independent stores always build the same
 * chain, and verify accepts it and re-derives the same head.
 */
class LedgerPropertiesTest {
    private static final TestNetwork NET = new TestNetwork();

    enum Kind { REGISTER, BAD_SIGNATURE, UNKNOWN_SIGNER, WRONG_CHAIN, MALFORMED, REPLAY, MEMBER_EXISTS, REVOKE,
        MEMBER_CALL, DUPLICATE, UNKNOWN_CONTRACT, GARBAGE_ARGS }

    /** Turns kinds into transactions, keeping just enough of a model to aim at real members and used nonces. */
    private static final class Script {
        private final Map<String, Long> nonces = new HashMap<>();
        private final List<TestNetwork.Member> members = new ArrayList<>();
        private final List<TxEnvelope> sent = new ArrayList<>();
        private int serial;

        TxEnvelope next(Kind kind) {
            String org = TestNetwork.ORGS.get(serial % TestNetwork.ORGS.size());
            String admin = org + "/admin";
            serial++;
            TxEnvelope tx = switch (kind) {
                case REGISTER -> {
                    TestNetwork.Member m = NET.member(org, "m" + serial, "practitioner");
                    members.add(m);
                    yield NET.register(org, nonce(admin), m);
                }
                case BAD_SIGNATURE -> TestNetwork.flipSignature(NET.register(org, nonce(admin),
                        NET.member(org, "forged" + serial, "nurse")));
                case UNKNOWN_SIGNER -> NET.signed(org + "/ghost" + serial, NET.admin(org), 1, "membership",
                        "registerMember", "{}".getBytes());
                case WRONG_CHAIN -> TestNetwork.signedFor("elsewhere", admin, NET.admin(org), nonce(admin), "membership",
                        "revokeMember", "{\"name\":\"x\"}".getBytes());
                case MALFORMED -> TestNetwork.envelope(new byte[] {(byte) 0xff, (byte) serial, 0x00}, new byte[] {1});
                case REPLAY -> sent.isEmpty() ? NET.revoke(org, nonce(admin), "nobody")
                        : NET.revoke(org, 0, "nobody-" + serial); // nonce 0 of the admin: used by the first revoke
                case MEMBER_EXISTS -> members.isEmpty() ? NET.revoke(org, nonce(admin), "nobody")
                        : reRegister(members.get(serial % members.size()));
                case REVOKE -> members.isEmpty() ? NET.revoke(org, nonce(admin), "nobody") : revoke(members.get(serial % members.size()));
                case MEMBER_CALL -> members.isEmpty() ? NET.memberCall(NET.member(org, "stranger", "nurse"), serial)
                        : memberCall(members.get(serial % members.size()));
                case DUPLICATE -> sent.isEmpty() ? NET.revoke(org, nonce(admin), "nobody") : sent.get(serial % sent.size());
                case UNKNOWN_CONTRACT -> NET.signed(admin, NET.admin(org), nonce(admin), "records", "put", "{}".getBytes());
                case GARBAGE_ARGS -> NET.signed(admin, NET.admin(org), nonce(admin), "membership", "registerMember",
                        new byte[] {'[', 0x01});
            };
            sent.add(tx);
            return tx;
        }

        private long nonce(String signer) {
            long n = nonces.getOrDefault(signer, 0L);
            nonces.put(signer, n + 1);
            return n;
        }

        private TxEnvelope reRegister(TestNetwork.Member m) {
            return NET.register(m.org(), nonce(m.org() + "/admin"), NET.member(m.org(), m.name(), "nurse"));
        }

        private TxEnvelope revoke(TestNetwork.Member m) {
            return NET.revoke(m.org(), nonce(m.org() + "/admin"), m.name());
        }

        private TxEnvelope memberCall(TestNetwork.Member m) {
            return NET.memberCall(m, nonce(m.id()));
        }
    }

    @Property(tries = 15)
    void twoStoresAgreeAndVerifyPasses(
            @ForAll @Size(min = 1, max = 5) List<@Size(min = 1, max = 6) List<Kind>> batches) throws IOException {
        Script script = new Script();
        List<OrderedBatch> ordered = new ArrayList<>();
        for (List<Kind> kinds : batches) {
            ordered.add(TestNetwork.batch(ordered.size() + 1, kinds.stream().map(script::next).toList()));
        }
        Path a = Files.createTempDirectory("careledger-prop-a-");
        Path b = Files.createTempDirectory("careledger-prop-b-");
        try {
            ChainHead head;
            long txs = 0;
            try (Ledger la = NET.open(a); Ledger lb = NET.open(b)) {
                for (OrderedBatch batch : ordered) {
                    CommittedBlock ba = la.apply(batch);
                    CommittedBlock bb = lb.apply(batch);
                    assertThat(ba.block().toByteArray()).isEqualTo(bb.block().toByteArray());
                    assertThat(ba.block().getResultsCount()).isEqualTo(batch.txs().size());
                    txs += batch.txs().size();
                    assertThat(ba.header().getLogSize()).isEqualTo(txs);
                    // what the contracts saw must be the same too, not only the block bytes
                    assertThat(ba.block().getResultsList().stream().filter(r -> r.getCode() == ValidationCode.VALID).count())
                            .isEqualTo(bb.block().getResultsList().stream().filter(r -> r.getCode() == ValidationCode.VALID).count());
                }
                assertThat(la.head()).isEqualTo(lb.head());
                la.store().flush();
                lb.store().flush();
                for (var c : org.careledger.storage.Column.values()) {
                    LedgerTest.assertSameColumn(la, lb, c);
                }
                head = la.head();
            }
            LedgerVerifier verifier = new LedgerVerifier(TestNetwork.contracts(), LedgerVerifier.CertificateCheck.NONE);
            VerificationReport ra = verifier.verify(a);
            VerificationReport rb = verifier.verify(b);
            assertThat(ra).isEqualTo(rb);
            assertThat(ra.headHash()).isEqualTo(head.hash());
            assertThat(ra.blocks()).isEqualTo(ordered.size());
            assertThat(ra.transactions()).isEqualTo(txs);
        } finally {
            TestNetwork.deleteDir(a);
            TestNetwork.deleteDir(b);
        }
    }
}
