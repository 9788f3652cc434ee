package org.careledger.node.drugs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careledger.api.HealthView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.TxSigner;
import org.careledger.contracts.supplychain.CaptureEpcisArgs;
import org.careledger.contracts.supplychain.SupplyEventArgs;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.ChainHead;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * A supply-chain consortium made by {@link NetworkInitializer} (company prefixes from genesis: the GS1 examples'
 * 0614141, 4012345 and 9520001 for the manufacturer), ordered by Apache Ratis: one node per org, all started,
 * one signer per org admin. Each org's transactions go to its own node; reads go to the regulator's node, which
 * submits nothing and so sees the others' transactions only through Raft.
 */
final class DrugNetwork implements AutoCloseable {
    static final List<String> ORGS = List.of("acme=manufacturer@0614141;4012345;9520001",
            "wholesale=distributor@9529999", "pharmacy-c", "regulator=authority");
    /** The org whose node answers reads. */
    static final String READER = "regulator";
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
        <T> T as(Class<T> type) {
            return CanonicalJson.decode(body.getBytes(StandardCharsets.UTF_8), type);
        }
    }

    final NetworkLayout layout;
    final Genesis genesis;
    /** Every org's node, in genesis order. */
    final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();
    /** The reader's client. */
    final CareledgerClient client;
    final String leader;
    /** Shared by every node's client: a read anywhere sees what was written anywhere before it. */
    private final ReadSession session = new ReadSession();

    DrugNetwork(Path dir) {
        layout = new NetworkLayout(dir);
        genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-drugs-it",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", freeBasePort(ORGS.size()), false,
                NodeConfig.RAFT));
        try {
            for (GenesisOrg org : genesis.orgs()) {
                nodes.put(org.id(), NodeAssembly.start(layout.org(org.id())));
            }
            client = client(READER);
            leader = awaitLeader();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    NodeAssembly node(String org) {
        NodeAssembly n = nodes.get(org);
        if (n == null) {
            throw new IllegalArgumentException("no node for org " + org);
        }
        return n;
    }

    /** A client of the org's node, signing as the org's admin, in the shared read session. */
    CareledgerClient client(String orgId) {
        return new CareledgerClient(node(orgId).apiUrl(), session,
                org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis()),
                new org.careledger.client.auth.RequestSigner(orgId + "/admin",
                        org.careledger.crypto.x509.KeyFiles.readSigner(layout.adminKey(orgId))));
    }

    /** The org of a signer id such as {@code acme/admin}. */
    static String orgOf(TxSigner who) {
        String id = who.signerId();
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    TxSigner admin(String org) {
        return new TxSigner(genesis.chainId(), org + "/admin", KeyFiles.readSigner(layout.adminKey(org)));
    }

    SubmitResponse submit(TxSigner who, String method, SupplyEventArgs args) {
        return submit(who, who.sign("supplychain", method, args));
    }

    /** Submits to the signer's own org node, waits for the commit there, then for every node to reach that block. */
    SubmitResponse submit(TxSigner who, TxEnvelope tx) {
        String org = orgOf(who);
        SubmitResponse r = client(org).submit(tx, Wait.COMMIT);
        awaitHeight(node(org).ledger().head().height());
        return r;
    }

    TxEnvelope captureEpcis(TxSigner who, String document, String shipTo) {
        return who.sign("supplychain", "captureEpcis", new CaptureEpcisArgs(document, shipTo));
    }

    /** Posts a signer's transaction to its own org node; once committed there, waits for every node to have it. */
    Answer post(TxSigner who, String path, byte[] body) {
        String org = orgOf(who);
        Answer a = post(node(org), path, body);
        if (a.status() == 200) {
            awaitHeight(node(org).ledger().head().height());
        }
        return a;
    }

    /** Posts to the reader's node. */
    Answer post(String path, byte[] body) {
        return post(node(READER), path, body);
    }

    private Answer post(NodeAssembly to, String path, byte[] body) {
        return answer(client(to.config().orgId()).exchange("POST", path, "application/x-protobuf", body));
    }

    Answer verify(String sgtin) {
        return get("/v1/drugs/verify?sgtin=" + URLEncoder.encode(sgtin, StandardCharsets.UTF_8));
    }

    Answer get(String pathAndQuery) {
        return answer(client.exchange("GET", pathAndQuery, null, null));
    }

    /** The client waits for the session's height on reads and records the height each answer carries. */
    private static Answer answer(HttpResponse<byte[]> r) {
        return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    /** Waits until some node's health names a Raft leader (every node is asked in turn); returns its node id. */
    private String awaitLeader() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (String org : nodes.keySet()) {
                try {
                    HealthView h = client(org).health();
                    if (h.leader() != null && !h.leader().isEmpty()) {
                        return h.leader();
                    }
                } catch (CareledgerException | UncheckedIOException e) {
                    // not up yet
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("no Raft leader was elected within 60 s");
    }

    /** Waits until every node has applied at least block {@code height}. */
    void awaitHeight(long height) {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        for (NodeAssembly n : nodes.values()) {
            while (n.ledger().head().height() < height) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(n.config().nodeId() + " is at block " + n.ledger().head().height()
                            + ", not " + height + ", after " + SYNC_TIMEOUT.toSeconds() + " s");
                }
                sleep(5);
            }
        }
    }

    /**
     * Waits until every node has the same head, and that head is final (a quorum certificate) on every node;
     * returns the head.
     */
    ChainHead awaitSameFinalHead() {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            seen.clear();
            ChainHead first = null;
            boolean done = true;
            for (NodeAssembly n : nodes.values()) {
                ChainHead h = n.ledger().head();
                HealthView health = client(n.config().orgId()).health();
                seen.add(n.config().nodeId() + "@" + h.height() + "/" + h.hash().hex().substring(0, 12) + " final "
                        + health.finalHeight() + (n.haltReason() == null ? "" : " HALTED: " + n.haltReason()));
                if (first == null) {
                    first = h;
                }
                done &= h.hash().equals(first.hash()) && health.finalHeight() >= h.height();
            }
            if (done) {
                return first;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nodes did not agree on a final head within "
                        + SYNC_TIMEOUT.toSeconds() + " s: " + seen);
            }
            sleep(20);
        }
    }

    Path dataDir(String org) {
        return layout.org(org).resolve(NodeConfig.read(layout.org(org)).dataDir());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Closes every node (each even if another fails to close), in reverse start order. */
    @Override
    public void close() {
        RuntimeException failure = null;
        List<NodeAssembly> all = new ArrayList<>(nodes.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        nodes.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** A base port b such that b+1..b+n (APIs) and b+101..b+100+n (Raft) are free on loopback right now. */
    static int freeBasePort(int n) {
        return org.careledger.core.LoopbackPorts.freeBase(n);
    }


}
