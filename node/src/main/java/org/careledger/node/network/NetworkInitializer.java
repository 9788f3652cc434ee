package org.careledger.node.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.contracts.StandardContracts;
import org.careledger.ledger.ContractRegistry;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.NodeEndpoint;
import org.careledger.node.NodeConfig;

/**
 * Creates a network directory: per org a CA (ECDSA P-256, so node certificates also serve TLS), an admin
 * identity (Ed25519, fast to verify), a node identity (P-256), and genesis listing them all.
 */
public final class NetworkInitializer {
    /** Inputs of {@code network init}. Ports are basePort+1.. for APIs and basePort+101.. for Raft. */
    public record Options(String chainId, List<OrgSpec> orgs, String host, int basePort, boolean force, String ordering) {
        /** Nodes that each run a local sequencer (single-node development and tests). */
        public Options(String chainId, List<OrgSpec> orgs, String host, int basePort, boolean force) {
            this(chainId, orgs, host, basePort, force, NodeConfig.LOCAL);
        }
    }

    private final SecureRandom random = new SecureRandom();

    public Genesis init(Path dir, Options options) {
        try {
            return create(dir, options);
        } catch (IOException e) {
            throw new CareledgerException("NETWORK_DIR_UNWRITABLE", "cannot write the network into " + dir + ": " + e.getMessage());
        }
    }

    private Genesis create(Path dir, Options options) throws IOException {
        NetworkLayout layout = new NetworkLayout(dir);
        prepare(dir, options.force());
        Instant now = Instant.now();
        Validity validity = new Validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
        List<GenesisOrg> orgs = new ArrayList<>();
        int i = 0;
        for (OrgSpec spec : options.orgs()) {
            i++;
            String org = spec.id();
            Signer caKey = EcdsaP256Signer.generate(random);
            OrgCertificateAuthority ca = OrgCertificateAuthority.create(org, caKey, validity, random);
            Signer adminKey = Ed25519Signer.generate(random);
            Signer nodeKey = EcdsaP256Signer.generate(random);
            String caPem = Pem.encodeCertificate(ca.certificate());
            String adminPem = Pem.encodeCertificate(ca.issue(new CertificateRequest("admin", List.of("admin"),
                    adminKey.algorithm(), adminKey.publicKey(), validity)));
            // the hosts a browser reaches the node's HTTPS API at (the explorer): it checks them in subjectAltName
            String nodePem = Pem.encodeCertificate(ca.issue(new CertificateRequest("node", List.of("node"),
                    nodeKey.algorithm(), nodeKey.publicKey(), validity), nodeHostNames(options.host())));
            write(layout.caCert(org), caPem);
            KeyFiles.writePrivateKey(layout.caKey(org), caKey);
            write(layout.adminCert(org), adminPem);
            KeyFiles.writePrivateKey(layout.adminKey(org), adminKey);
            write(layout.nodeCert(org), nodePem);
            KeyFiles.writePrivateKey(layout.nodeKey(org), nodeKey);
            EncryptionKeyPair orgEncryption = EncryptionKeyPair.generate();
            Files.createDirectories(layout.orgEncryptionKey(org).getParent());
            KeyFiles.writeEncryptionKey(layout.orgEncryptionKey(org), orgEncryption);
            NodeEndpoint endpoint = new NodeEndpoint(options.host(), options.basePort() + i, options.basePort() + 100 + i);
            orgs.add(new GenesisOrg(org, org, spec.roles(), caPem, adminPem, nodePem, spec.companyPrefixes(), endpoint,
                    Base64.getEncoder().encodeToString(orgEncryption.publicKey())));
        }
        Genesis genesis = new Genesis(options.chainId(), orgs,
                new ContractRegistry(StandardContracts.domains()).genesisDomains(), now.toEpochMilli());
        byte[] genesisBytes = genesis.toBytes();
        writeBytes(layout.genesis(), genesisBytes);
        for (GenesisOrg org : orgs) {
            writeBytes(layout.org(org.id()).resolve(Genesis.FILE_NAME), genesisBytes);
            NodeConfig config = new NodeConfig(org.id(), Genesis.FILE_NAME, "data", "node/node.key", options.host(),
                    org.node().apiPort(), 0, 0, lingerMillis(options.ordering()), true, options.ordering());
            writeBytes(layout.org(org.id()).resolve(NodeConfig.FILE_NAME), CanonicalJson.encode(config));
        }
        return genesis;
    }

    private static void prepare(Path dir, boolean force) {
        try {
            if (Files.exists(dir.resolve("genesis.json"))) {
                if (!force) {
                    throw new CareledgerException("NETWORK_EXISTS", dir + " already holds a network; use --force to replace it");
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CareledgerException("NETWORK_DIR_UNWRITABLE", "cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        writeBytes(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CareledgerException("NETWORK_DIR_UNWRITABLE", "cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * How long a node's orderer waits for more transactions before proposing a batch. With Raft every block costs
     * each node a block signature, a check of every node's signature and a synced write, and each node proposes
     * only the transactions it admitted: at 2 ms the 4-node load run made blocks of about 20 transactions and those
     * per-block costs halved its throughput (blocks of ~60 at 20 ms). A lone local node fills its blocks from one
     * queue, so it keeps 2 ms.
     */
    static int lingerMillis(String ordering) {
        return NodeConfig.RAFT.equals(ordering) ? 20 : 2;
    }

    /**
     * The names a node certificate answers for: the configured host, and the loopback names whenever the node listens
     * there (or on every interface), so {@code https://localhost:PORT/explorer/} works once the org CA is trusted.
     */
    static List<String> nodeHostNames(String host) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        boolean wildcard = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::");
        if (!wildcard) {
            names.add(host);
        }
        if (wildcard || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")) {
            names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        }
        return List.copyOf(names);
    }
}
