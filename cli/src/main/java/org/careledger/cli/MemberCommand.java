package org.careledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
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
import org.careledger.node.network.NetworkLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger member add NET ORG NAME --role …}: a member key and certificate, registered by the org admin. */
@Command(name = "member", mixinStandardHelpOptions = true, description = "Org members (practitioners, staff).",
        subcommands = {MemberCommand.Add.class})
public final class MemberCommand {
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a member key, have the org CA issue its certificate (roles as OU values), register it"
                    + " on the ledger signed by the org admin, and save the key (0600) as NET/ORG/members/NAME.key.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NET") Path network;
        @Parameters(index = "1", paramLabel = "ORG") String org;
        @Parameters(index = "2", paramLabel = "NAME") String name;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "roles, e.g. practitioner,emergency (writers: lab-tech, nurse, physician, practitioner;"
                        + " also auditor, and emergency, only with nurse, physician or practitioner in a hospital or lab)")
        List<String> roles;

        @Option(names = "--node", description = "node API URL, or several separated by commas (the first that answers"
                + " is used; default: $CARELEDGER_NODE, else the org's node)")
        String nodeUrl;

        @Override
        public Integer call() {
            NetworkLayout layout = new NetworkLayout(network);
            Genesis genesis = Genesis.read(layout.genesis());
            GenesisOrg o = genesis.org(org).orElseThrow(() -> new CareledgerException("ORG_UNKNOWN",
                    "org " + org + " is not in the network at " + network));
            String url = nodeUrl != null ? nodeUrl : System.getenv("CARELEDGER_NODE") != null
                    ? System.getenv("CARELEDGER_NODE") : o.node() != null ? o.node().apiUrl() : "https://127.0.0.1:7101";
            Path keyFile = add(layout, genesis, NodeUrls.reachable(url, NodeTrust.fromGenesis(layout.genesis())), org,
                    name, roles);
            System.out.println("registered " + org + "/" + name + " (roles " + String.join(",", roles) + "); key "
                    + keyFile);
            return 0;
        }
    }

    /** Issues, registers and saves a member; returns the key file. */
    static Path add(NetworkLayout layout, Genesis genesis, CareledgerClient client, String org, String name,
                    List<String> roles) {
        GenesisOrg o = genesis.org(org).orElseThrow(() -> new CareledgerException("ORG_UNKNOWN", "no org " + org));
        Path keyFile = CliIdentity.memberKey(layout, org, name);
        if (Files.exists(keyFile)) {
            throw new CareledgerException("MEMBER_EXISTS", keyFile + " already exists");
        }
        SecureRandom random = new SecureRandom();
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(o.caCertificate()),
                KeyFiles.readSigner(layout.caKey(org)), random);
        Signer key = Ed25519Signer.generate(random);
        Instant now = Instant.now();
        String pem = Pem.encodeCertificate(ca.issue(new CertificateRequest(name, List.copyOf(roles), key.algorithm(),
                key.publicKey(), new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365))))));
        TxSigner admin = new TxSigner(genesis.chainId(), o.adminId(), KeyFiles.readSigner(layout.adminKey(org)));
        Submissions.requireValid(client.as(admin.requestSigner()).submit(admin.sign("membership", "registerMember", new RegisterMember(name, pem)),
                Wait.COMMIT), "registerMember " + org + "/" + name);
        try {
            Files.createDirectories(keyFile.getParent());
        } catch (java.io.IOException e) {
            throw new CareledgerException("KEY_UNWRITABLE", "cannot create " + keyFile.getParent() + ": " + e.getMessage());
        }
        KeyFiles.writePrivateKey(keyFile, key);
        return keyFile;
    }

    static List<String> roles(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
