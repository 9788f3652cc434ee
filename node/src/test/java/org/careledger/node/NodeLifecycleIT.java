package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.careledger.api.HeaderView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.LedgerVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node stops and starts again on its store: the chain, its nonces and its proofs carry over. */
class NodeLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void aRestartedNodeResumesItsChain() {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        TxSigner admin = net.admin("hospital-b");
        HeaderView before;
        SubmitResponse first;
        try (NodeAssembly node = net.start("hospital-b")) {
            CareledgerClient client = net.client(node, admin);
            first = client.submit(net.register(admin, net.member("hospital-b", "nurse-1", "nurse")), Wait.COMMIT);
            client.submit(net.register(admin, net.member("hospital-b", "nurse-2", "nurse")), Wait.COMMIT);
            before = client.head();
            // the store is locked while the node runs: a second node on it fails cleanly
            assertThatThrownBy(() -> net.start("hospital-b"))
                    .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("STORE_LOCKED"));
        }
        try (NodeAssembly node = net.start("hospital-b")) {
            CareledgerClient client = net.client(node, admin);
            HeaderView after = client.head();
            assertThat(after.hash()).isEqualTo(before.hash());
            assertThat(after.logSize()).isEqualTo(before.logSize());
            // nonces spent before the restart stay spent
            var replay = parse(client.tx(first.txId()).tx().envelope());
            assertThatThrownBy(() -> client.submit(replay, Wait.COMMIT))
                    .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("TX_REPLAY"));
            SubmitResponse next = client.submit(net.register(admin, net.member("hospital-b", "nurse-3", "nurse")), Wait.COMMIT);
            assertThat(next.valid()).isTrue();
            assertThat(next.height()).isEqualTo(before.height() + 1);
            assertThat(client.block(next.height()).header().prevHash()).isEqualTo(before.hash());
            org.careledger.client.ProofChecker.verifyTxUncertified(client.tx(first.txId()));
        }
        assertThat(new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck())
                .verify(net.dataDir("hospital-b")).blocks()).isEqualTo(before.height() + 1);
    }

    @Test
    void aNodeDirWithoutConfigIsAClearError() {
        assertThatThrownBy(() -> NodeAssembly.start(dir.resolve("nothing-here")))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("NODE_DIR_INVALID");
                    assertThat(e.getMessage()).contains("network init");
                });
    }

    private static org.careledger.core.proto.TxEnvelope parse(String base64) {
        try {
            return org.careledger.core.proto.TxEnvelope.parseFrom(java.util.Base64.getDecoder().decode(base64));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
