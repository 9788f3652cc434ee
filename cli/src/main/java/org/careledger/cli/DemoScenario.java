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
import org.careledger.client.CareledgerClient;
import org.careledger.client.ProofChecker;
import org.careledger.client.TxSigner;
import org.careledger.client.api.ConsistencyProofView;
import org.careledger.client.api.HeaderView;
import org.careledger.client.api.SubmitResponse;
import org.careledger.client.api.TxProofView;
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
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/** The scripted demo: network, membership at volume, a proven transaction, consistency, verification. */
final class DemoScenario {
    static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");
    private static final String[] MEMBER_ROLES = {"practitioner", "nurse", "clerk", "pharmacist"};

    private final Path dir;
    private final int basePort;
    private final PrintStream out;
    private final NetworkLayout layout;
    private final SecureRandom random = new SecureRandom();
    private NodeAssembly node;
    private Genesis genesis;

    DemoScenario(Path dir, int basePort, PrintStream out) {
        this.dir = dir;
        this.basePort = basePort;
        this.out = out;
        this.layout = new NetworkLayout(dir);
    }

    void run(int members) {
        step("1. Create the consortium: " + String.join(", ", ORGS));
        genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-demo",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", basePort, true));
        out.println("   network dir " + dir.toAbsolutePath() + ", genesis " + genesis.hash().hex().substring(0, 16) + "…");

        step("2. Start the node of " + ORGS.get(0));
        node = NodeAssembly.start(layout.org(ORGS.get(0)));
        CareledgerClient client = new CareledgerClient(node.apiUrl());
        out.println("   serving " + node.apiUrl());

        step("3. Org admins register " + members + " practitioners (signed membership transactions)");
        List<SubmitResponse> results = registerMembers(client, members);
        long valid = results.stream().filter(SubmitResponse::valid).count();
        out.println("   " + valid + " of " + results.size() + " committed as VALID");
        if (valid != results.size()) {
            throw new CareledgerException("DEMO_FAILED", (results.size() - valid) + " membership transactions were rejected");
        }

        step("4. The head of the chain");
        HeaderView head = client.head();
        out.println("   height " + head.height() + ", " + head.logSize() + " txs in the log, hash " + head.hash());

        step("5. Prove one transaction's inclusion (checked locally, not trusted)");
        SubmitResponse sample = results.get(results.size() / 2);
        TxProofView proof = client.tx(sample.txId());
        var proven = ProofChecker.verifyTx(proof);
        out.println("   tx " + sample.txId().substring(0, 16) + "… (" + proof.tx().contract() + "." + proof.tx().method()
                + " by " + proof.tx().signer() + ") is leaf " + proof.proof().leafIndex() + " of " + proof.proof().treeSize()
                + "; " + proof.proof().path().size() + " hashes lead to the log root of block " + proven.getHeight());

        step("6. Prove the log only grew (RFC 6962 consistency)");
        long first = Math.max(1, head.logSize() / 3);
        ConsistencyProofView c = client.consistency(first, head.logSize());
        ProofChecker.verifyConsistency(c, java.util.HexFormat.of().parseHex(c.firstRoot()),
                java.util.HexFormat.of().parseHex(head.logRoot()));
        out.println("   the log of size " + head.logSize() + " extends the one of size " + first + " ("
                + c.path().size() + " hashes)");
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
        Semaphore inflight = new Semaphore(64);
        List<Future<SubmitResponse>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < members; i++) {
                int o = i % cas.size();
                String name = "staff-" + (i + 1);
                Signer memberKey = Ed25519Signer.generate(random);
                String role = MEMBER_ROLES[i % MEMBER_ROLES.length];
                String cert = Pem.encodeCertificate(cas.get(o).issue(new CertificateRequest(name, List.of(role),
                        memberKey.algorithm(), memberKey.publicKey(), validity)));
                var tx = admins.get(o).sign("membership", "registerMember", new RegisterMember(name, cert));
                inflight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        return client.submit(tx, CareledgerClient.Wait.COMMIT);
                    } finally {
                        inflight.release();
                        bar.step();
                    }
                }));
            }
            List<SubmitResponse> out = new ArrayList<>();
            for (Future<SubmitResponse> f : futures) {
                out.add(f.get());
            }
            return out;
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

    boolean verifyAll() {
        step("7. Verify every store from genesis (hash links, signatures, Merkle roots, re-execution)");
        boolean ok = true;
        for (Path store : VerifyCommand.stores(dir)) {
            try {
                VerificationReport r = VerifyCommand.verify(store);
                out.println("   " + dir.relativize(store) + ": verified " + r.blocks() + " blocks, " + r.transactions()
                        + " transactions");
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
        if (node != null) {
            node.close();
            node = null;
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }
}
