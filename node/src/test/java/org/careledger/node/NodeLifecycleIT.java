package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.careledger.api.HeaderView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisDomain;
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

    @Test
    void networkInitListsEveryDomainAndANodeRefusesAGenesisListingOneItDoesNotRun() throws Exception {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        assertThat(net.genesis.domains()).isEqualTo(NodeAssembly.contracts().genesisDomains());
        assertThat(net.genesis.domains()).extracting(GenesisDomain::id)
                .containsExactly("membership", "notary", "records", "consent", "access", "supplychain", "claims",
                        "research",
                        "publichealth");
        Path genesisFile = net.layout.org("hospital-a").resolve(Genesis.FILE_NAME);
        List<GenesisDomain> more = new ArrayList<>(net.genesis.domains());
        more.add(new GenesisDomain("dental-imaging", 1));
        Files.write(genesisFile, new Genesis(net.genesis.chainId(), net.genesis.orgs(), more,
                net.genesis.createdAtMillis()).toBytes());
        assertThatThrownBy(() -> NodeAssembly.start(net.layout.org("hospital-a")))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("GENESIS_DOMAIN_UNKNOWN");
                    assertThat(e.getMessage()).contains("dental-imaging v1");
                });
        // a genesis from before domains were listed: a clear error, not a node that runs unknown rules
        Map<Object, Object> old = new TreeMap<>(CanonicalJson.decode(net.genesis.toBytes(), Map.class));
        old.remove("domains");
        Files.write(genesisFile, CanonicalJson.encode(old));
        assertThatThrownBy(() -> NodeAssembly.start(net.layout.org("hospital-a")))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("GENESIS_INVALID");
                    assertThat(e.getMessage()).contains("genesis lists no domains").contains("network init");
                });
        // and with the genesis it was given, the node starts
        Files.write(genesisFile, net.genesis.toBytes());
        try (NodeAssembly node = net.start("hospital-a")) {
            assertThat(node.ledger().genesis().domains()).isEqualTo(net.genesis.domains());
        }
    }

    private static org.careledger.core.proto.TxEnvelope parse(String base64) {
        try {
            return org.careledger.core.proto.TxEnvelope.parseFrom(java.util.Base64.getDecoder().decode(base64));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
