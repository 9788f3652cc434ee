package org.careledger.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.careledger.client.TxSigner;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.ledger.Genesis;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * A four-org network made by {@link NetworkInitializer} in a test's temporary directory, on loopback ports that
 * were free when it was made. Nodes are started with {@link #start(String)}; txs are signed with the admin keys
 * the initializer wrote.
 */
public final class TestNetwork {
    public static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");

    /** A member key with the certificate its org CA issued. */
    public record Member(String org, String name, Signer signer, String certificatePem) {
        public String id() {
            return org + "/" + name;
        }
    }

    private final SecureRandom random = new SecureRandom();
    public final Path dir;
    public final NetworkLayout layout;
    public final Genesis genesis;
    public final int basePort;

    public TestNetwork(Path dir) {
        this(dir, ORGS);
    }

    /** A network of other orgs ({@link OrgSpec#parse} specs as {@code network init} reads them, e.g. {@code sponsor-e} or
     * {@code health-dept=authority}) instead of {@link #ORGS}. */
    public TestNetwork(Path dir, List<String> orgs) {
        this.dir = dir;
        this.layout = new NetworkLayout(dir);
        this.basePort = freeBasePort(orgs.size());
        this.genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-it",
                orgs.stream().map(OrgSpec::parse).toList(), "127.0.0.1", basePort, false));
    }

    /** A base port b such that b+1..b+n and b+101..b+100+n are free on loopback right now. */
    public static int freeBasePort(int n) {
        return org.careledger.core.LoopbackPorts.freeBase(n);
    }



    /** Rewrites an org's node.json. */
    public void configure(String org, UnaryOperator<NodeConfig> change) {
        NodeConfig updated = change.apply(NodeConfig.read(layout.org(org)));
        try {
            Files.write(layout.org(org).resolve(NodeConfig.FILE_NAME), CanonicalJson.encode(updated));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NodeConfig withMaxTxBytes(NodeConfig c, int maxTxBytes) {
        return new NodeConfig(c.orgId(), c.genesisFile(), c.dataDir(), c.nodeKeyFile(), c.apiHost(), c.apiPort(),
                maxTxBytes, c.maxBatchTxs(), c.batchLingerMillis(), c.tls(), c.ordering(), c.anonymousPaths());
    }

    /** The genesis node keys, which every client pins. */
    public org.careledger.client.auth.NodeTrust trust() {
        return org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis());
    }

    /** A client of a running node, signing its requests as {@code as} (null: anonymous). */
    public org.careledger.client.CareledgerClient client(NodeAssembly node, TxSigner as) {
        return new org.careledger.client.CareledgerClient(node.apiUrl(), null, trust(), as == null ? null : as.requestSigner());
    }

    public NodeAssembly start(String org) {
        return NodeAssembly.start(layout.org(org));
    }

    public Path dataDir(String org) {
        return layout.org(org).resolve(NodeConfig.read(layout.org(org)).dataDir());
    }

    public TxSigner admin(String org) {
        return new TxSigner(genesis.chainId(), org + "/admin", KeyFiles.readSigner(layout.adminKey(org)));
    }

    public Member member(String org, String name, String role) {
        return member(org, name, List.of(role));
    }

    /** A member whose certificate carries several roles. */
    public Member member(String org, String name, List<String> roles) {
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(genesis.org(org).orElseThrow()
                .caCertificate()), KeyFiles.readSigner(layout.caKey(org)), random);
        Signer key = Ed25519Signer.generate(random);
        Instant now = Instant.now();
        String pem = Pem.encodeCertificate(ca.issue(new CertificateRequest(name, roles, key.algorithm(),
                key.publicKey(), new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))))));
        return new Member(org, name, key, pem);
    }

    public TxEnvelope register(TxSigner admin, Member m) {
        return admin.sign("membership", "registerMember", new RegisterMember(m.name(), m.certificatePem()));
    }
}
