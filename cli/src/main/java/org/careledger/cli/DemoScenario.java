package org.careledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HeaderView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxProofView;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.CheckedHeader;
import org.careledger.client.GenesisNodes;
import org.careledger.client.ProofChecker;
import org.careledger.client.TxSigner;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/** The scripted demo: network, membership at volume, a proven transaction, consistency, verification. */
final class DemoScenario {
    /** The seed's consortium: two hospitals, a pharmacy, an insurer, and the supply chain's manufacturer and distributor, a lab, and the health authority. */
    static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d",
            "manufacturer-e=manufacturer+sponsor@0614141;4012345", "distributor-f=distributor", "lab-g",
            "health-dept=authority");
    private static final String[] MEMBER_ROLES = {"practitioner", "nurse", "clerk", "pharmacist"};

    private final Path dir;
    private final int basePort;
    private final PrintStream out;
    private final NetworkLayout layout;
    private final SecureRandom random = new SecureRandom();
    private final List<NodeAssembly> nodes = new ArrayList<>();
    private NodeAssembly node;
    private Genesis genesis;

    DemoScenario(Path dir, int basePort, PrintStream out) {
        this.dir = dir;
        this.basePort = basePort;
        this.out = out;
        this.layout = new NetworkLayout(dir);
    }

    void run(int members) {
        step("1. Create the consortium: " + String.join(", ", ORGS.stream().map(o -> o.split("=")[0]).toList()));
        genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-demo",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", basePort, true, NodeConfig.RAFT));
        out.println("   network dir " + dir.toAbsolutePath() + ", genesis " + genesis.hash().hex().substring(0, 16)
                + "…, a block is final with " + genesis.quorum() + " of " + genesis.orgs().size() + " node signatures");

        step("2. Start one node per org (Apache Ratis over mutual TLS between the nodes)");
        for (GenesisOrg org : genesis.orgs()) {
            nodes.add(NodeAssembly.start(layout.org(org.id())));
        }
        node = nodes.get(0);
        CareledgerClient client = client(node);
        String leader = awaitLeader(client);
        for (NodeAssembly n : nodes) {
            out.println("   " + n.config().nodeId() + "  " + n.apiUrl() + (n.config().nodeId().equals(leader) ? "  (leader)" : ""));
        }

        step("3. Org admins register " + members + " members (signed membership transactions)");
        List<SubmitResponse> results = registerMembers(client, members);
        long valid = results.stream().filter(SubmitResponse::valid).count();
        out.println("   " + valid + " of " + results.size() + " committed as VALID");
        if (valid != results.size()) {
            throw new CareledgerException("DEMO_FAILED", (results.size() - valid) + " membership transactions were rejected");
        }

        step("4. The head of the chain, the same on every node, and final");
        HeaderView head = awaitFinalHead(client);
        out.println("   height " + head.height() + ", " + head.logSize() + " txs in the log, hash " + head.hash());
        for (NodeAssembly n : nodes) {
            HeaderView h = client(n).block(head.height()).header();
            out.println("   " + n.config().nodeId() + " block " + h.height() + " hash " + h.hash().substring(0, 16) + "… "
                    + (h.hash().equals(head.hash()) ? "same" : "DIFFERENT"));
            if (!h.hash().equals(head.hash())) {
                throw new CareledgerException("DEMO_FAILED", "node " + n.config().nodeId() + " has a different block " + h.height());
            }
        }
        if (head.certificate() != null) {
            out.println("   quorum certificate: " + head.certificate().signatures().size() + " node signatures (quorum "
                    + head.certificate().quorum() + ")" + (head.certificate().isFinal() ? ", FINAL" : ""));
        }

        step("5. Prove one transaction's inclusion (checked locally under a header a quorum of nodes signed)");
        GenesisNodes nodes = GenesisNodes.fromGenesis(layout.genesis());
        SubmitResponse sample = results.get(results.size() / 2);
        TxProofView proof = client.tx(sample.txId(), head.height());
        CheckedHeader proven = ProofChecker.verifyTx(proof, nodes);
        out.println("   tx " + sample.txId().substring(0, 16) + "… (" + proof.tx().contract() + "." + proof.tx().method()
                + " by " + proof.tx().signer() + ") is leaf " + proof.proof().leafIndex() + " of " + proof.proof().treeSize()
                + "; " + proof.proof().path().size() + " hashes lead to the log root of block " + proven.height());
        out.println("   that header is signed by " + proven.signers().size() + " of " + nodes.orgCount()
                + " genesis node keys (quorum " + nodes.quorum() + "), so no single node can have made it up");

        step("6. Prove the log only grew (RFC 6962 consistency between two certified headers)");
        consistency(client, head, nodes);
    }

    /** The two case studies: patient records and consent, then the drug supply chain. */
    void caseStudies() {
        CareledgerClient client = client(node);
        step("7. Case study: patient records, consent, audited access, break-glass, erasure");
        CareDemo.run(layout, genesis, client, out, "7");
        step("8. Case study: the drug supply chain, from commissioning to the pharmacy counter");
        new DrugDemo("8").run(client, layout, genesis, out);
        step("9. Case study: insurance claims, from coverage to the patient's explanation of benefit");
        new ClaimsDemo(layout, genesis, client, out, "9").run();
        step("10. Case study: a clinical trial, from registration to the outcome-switching report");
        new ResearchDemo("10").run(client, layout, genesis, out);
        step("11. Case study: public-health reporting, linkage without names, suppressed aggregates");
        new HealthDemo(layout, genesis, client, out, "11").run();
    }

    /**
     * A client of a node that pins the genesis node keys and signs as the first org's admin; the case studies sign
     * patient reads as the patient and record reads as the reader themselves.
     */
    private CareledgerClient client(NodeAssembly n) {
        GenesisOrg first = genesis.orgs().getFirst();
        return new CareledgerClient(n.apiUrl(), null, org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis()),
                new org.careledger.client.auth.RequestSigner(first.adminId(),
                        org.careledger.crypto.x509.KeyFiles.readSigner(layout.adminKey(first.id()))));
    }

    private void consistency(CareledgerClient client, HeaderView head, GenesisNodes nodes) {
        HeaderView earlier = client.block(Math.max(1, head.height() / 3)).header();
        ConsistencyProofView c = client.consistency(earlier.logSize(), head.logSize());
        ProofChecker.verifyConsistency(c, earlier, head, nodes);
        out.println("   the log of size " + head.logSize() + " (block " + head.height() + ") extends the one of size "
                + earlier.logSize() + " (block " + earlier.height() + "), both headers certified (" + c.path().size()
                + " hashes)");
    }

    private List<SubmitResponse> registerMembers(CareledgerClient client, int members) {
        Instant now = Instant.now();
        Validity validity = new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
        List<OrgCertificateAuthority> cas = new ArrayList<>();
        List<TxSigner> admins = new ArrayList<>();
        for (GenesisOrg org : genesis.orgs()) {
            Signer caKey = KeyFiles.readSigner(layout.caKey(org.id()));
            cas.add(OrgCertificateAuthority.of(Pem.decodeCertificate(org.caCertificate()), caKey, random));
            admins.add(new TxSigner(genesis.chainId(), org.adminId(), KeyFiles.readSigner(layout.adminKey(org.id()))));
        }
        ProgressBar bar = new ProgressBar(out, "   registering", members);
        List<org.careledger.core.proto.TxEnvelope> txs = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            int o = i % cas.size();
            String name = "staff-" + (i + 1);
            Signer memberKey = Ed25519Signer.generate(random);
            String role = MEMBER_ROLES[i % MEMBER_ROLES.length];
            String cert = Pem.encodeCertificate(cas.get(o).issue(new CertificateRequest(name, List.of(role),
                    memberKey.algorithm(), memberKey.publicKey(), validity)));
            txs.add(admins.get(o).sign("membership", "registerMember", new RegisterMember(name, cert)));
        }
        // batches of 25 from 4 clients at once: each answer comes when its transactions are in a committed block
        List<List<org.careledger.core.proto.TxEnvelope>> batches = new ArrayList<>();
        for (int i = 0; i < txs.size(); i += 25) {
            batches.add(txs.subList(i, Math.min(txs.size(), i + 25)));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<SubmitResponse>>> futures = new ArrayList<>();
            for (List<org.careledger.core.proto.TxEnvelope> b : batches) {
                futures.add(pool.submit(() -> {
                    List<SubmitResponse> r = client.submitBatch(b, Wait.COMMIT);
                    r.forEach(x -> bar.step());
                    return r;
                }));
            }
            List<SubmitResponse> all = new ArrayList<>();
            for (Future<List<SubmitResponse>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CareledgerException ce) {
                throw ce;
            }
            throw new CareledgerException("DEMO_FAILED", "a submission failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted");
        }
    }

    private static String awaitLeader(CareledgerClient client) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                var h = client.health();
                if (h.leader() != null && !h.leader().isEmpty()) {
                    return h.leader();
                }
            } catch (CareledgerException e) {
                // not up yet
            }
            sleep(200);
        }
        throw new CareledgerException("NETWORK_NOT_READY", "no Raft leader was elected within 60 s");
    }

    private static HeaderView awaitFinalHead(CareledgerClient client) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HeaderView head = client.head();
        while (Instant.now().isBefore(deadline) && (head.certificate() == null || !head.certificate().isFinal())) {
            sleep(100);
            head = client.head();
        }
        return head;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted");
        }
    }

    boolean verifyAll() {
        step("12. Verify every store from genesis (hash links, signatures, Merkle roots, re-execution)");
        boolean ok = true;
        for (Path store : VerifyCommand.stores(dir)) {
            try {
                VerificationReport r = VerifyCommand.verify(store);
                out.println("   " + dir.relativize(store) + ": verified " + r.blocks() + " blocks, " + r.transactions()
                        + " transactions, " + r.certifiedBlocks() + " with quorum certificates (head "
                        + r.headHash().hex().substring(0, 16) + "…)");
            } catch (CareledgerException e) {
                out.println("   " + dir.relativize(store) + ": FAILED " + e.code() + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    String firstApiUrl() {
        return node == null ? "" : node.apiUrl();
    }

    void stop() {
        for (NodeAssembly n : nodes) {
            n.close();
        }
        nodes.clear();
        node = null;
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }
}
