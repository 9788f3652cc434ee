package org.careledger.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.Pem;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;

/**
 * The files of a node directory other than its stores: {@code node.json}, the genesis file it names, the node's
 * signing key and the org's encryption key. Each must parse and match what genesis lists for the org, so a damaged or
 * swapped file is found by {@code careledger verify}, with the file named and what to do, rather than when the node
 * next starts (or, for the encryption key, only after its Raft server started).
 */
public final class NodeFiles {
    /** What was checked, file by file. */
    public record Report(Path nodeDir, String org, List<String> checked) {}

    private NodeFiles() {}

    public static Report verify(Path nodeDir) {
        List<String> checked = new ArrayList<>();
        NodeConfig config;
        try {
            config = NodeConfig.read(nodeDir);
        } catch (CareledgerException | IllegalArgumentException e) {
            throw new CareledgerException("NODE_CONFIG_INVALID", nodeDir.resolve(NodeConfig.FILE_NAME) + ": "
                    + e.getMessage() + "; restore it from a backup or from 'careledger network init' of this network");
        }
        checked.add(NodeConfig.FILE_NAME);
        Path genesisFile = nodeDir.resolve(config.genesisFile());
        Genesis genesis;
        try {
            genesis = Genesis.read(genesisFile);
        } catch (CareledgerException e) {
            throw new CareledgerException("GENESIS_INVALID", genesisFile + ": " + e.getMessage()
                    + "; copy the network's genesis.json from another org (every org holds the same bytes)");
        }
        checked.add(config.genesisFile());
        GenesisOrg org = genesis.org(config.orgId()).orElseThrow(() -> new CareledgerException("NODE_CONFIG_INVALID",
                nodeDir.resolve(NodeConfig.FILE_NAME) + " names org " + config.orgId() + ", which " + genesisFile
                        + " does not list; this node dir belongs to another network"));

        Path nodeKey = nodeDir.resolve(config.nodeKeyFile());
        Signer signer = readKey(nodeKey, "NODE_KEY_INVALID");
        byte[] listed = CertificateInfo.of(Pem.decodeCertificate(org.nodeCertificate())).publicKey();
        if (!Arrays.equals(signer.publicKey(), listed)) {
            throw new CareledgerException("NODE_KEY_MISMATCH", nodeKey + " is not the key of " + org.nodeId()
                    + " that genesis lists: restore the org's own node key from its backup (a node cannot sign or"
                    + " serve TLS with another key)");
        }
        checked.add(config.nodeKeyFile());

        Path encryption = nodeDir.resolve("org/encryption.key");
        if (Files.exists(encryption)) {
            byte[] publicKey;
            try {
                publicKey = KeyFiles.readEncryptionKey(encryption).publicKey();
            } catch (CareledgerException e) {
                throw new CareledgerException("ORG_KEY_INVALID", encryption + ": " + e.getMessage()
                        + "; restore the org's encryption key from its backup (records wrapped for the org need it)");
            }
            if (org.encryptionKey() != null
                    && !Arrays.equals(publicKey, Base64.getDecoder().decode(org.encryptionKey()))) {
                throw new CareledgerException("ORG_KEY_MISMATCH", encryption + " is not the encryption key genesis"
                        + " lists for " + org.id() + ": restore the org's own key from its backup");
            }
            checked.add("org/encryption.key");
        }
        return new Report(nodeDir, org.id(), List.copyOf(checked));
    }

    private static Signer readKey(Path file, String code) {
        if (!Files.isRegularFile(file)) {
            throw new CareledgerException(code, file + " is missing; restore the node key from the org's backup");
        }
        try {
            return KeyFiles.readSigner(file);
        } catch (CareledgerException e) {
            throw new CareledgerException(code, file + ": " + e.getMessage()
                    + "; restore the node key from the org's backup");
        }
    }
}
