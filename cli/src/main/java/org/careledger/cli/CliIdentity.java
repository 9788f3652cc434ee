package org.careledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.careledger.client.TxSigner;
import org.careledger.client.records.Author;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * A member (or org admin) acting from a network directory: {@code --network NET --as ORG/NAME} loads
 * {@code NET/ORG/members/NAME.key} (or {@code NET/ORG/admin/admin.key} for NAME=admin) and the org's X25519 key
 * {@code NET/ORG/org/encryption.key}, which opens the data keys wrapped for the org.
 *
 * @param id     signer id {@code org/name}
 * @param org    the org
 * @param signer signs transactions
 * @param orgKey the org's encryption key pair, or null if this directory does not hold it
 * @param genesis the network's genesis
 * @param layout the network directory
 */
record CliIdentity(String id, String org, TxSigner signer, EncryptionKeyPair orgKey, Genesis genesis,
                   NetworkLayout layout) {

    static Path memberKey(NetworkLayout layout, String org, String name) {
        return layout.org(org).resolve("members").resolve(name + ".key");
    }

    static CliIdentity load(Path network, String as) {
        if (network == null) {
            throw new CareledgerException("USAGE", "--network DIR is required to act as " + as);
        }
        if (as == null || !as.matches("[a-z0-9][a-z0-9-]{0,62}/[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new CareledgerException("USAGE", "--as must be ORG/NAME, not '" + as + "'");
        }
        NetworkLayout layout = new NetworkLayout(network);
        Genesis genesis = Genesis.read(layout.genesis());
        String org = as.substring(0, as.indexOf('/'));
        String name = as.substring(as.indexOf('/') + 1);
        GenesisOrg o = genesis.org(org).orElseThrow(() -> new CareledgerException("ORG_UNKNOWN",
                "org " + org + " is not in the network at " + network));
        Path key = name.equals("admin") ? layout.adminKey(org) : memberKey(layout, org, name);
        if (!Files.isRegularFile(key)) {
            throw new CareledgerException("MEMBER_KEY_NOT_FOUND", "no key for " + as + " at " + key
                    + " (create it with: careledger member add " + network + " " + org + " " + name + ")");
        }
        Path enc = layout.orgEncryptionKey(org);
        EncryptionKeyPair orgKey = Files.isRegularFile(enc) ? KeyFiles.readEncryptionKey(enc) : null;
        return new CliIdentity(o.id() + "/" + name, org, new TxSigner(genesis.chainId(), as, KeyFiles.readSigner(key)),
                orgKey, genesis, layout);
    }

    /** The org key, required to open records. */
    EncryptionKeyPair requireOrgKey() {
        if (orgKey == null) {
            throw new CareledgerException("ORG_KEY_NOT_FOUND", "no encryption key of " + org + " at "
                    + layout.orgEncryptionKey(org));
        }
        return orgKey;
    }

    /** This member as the author of records it writes (the SDK's view of it). */
    Author author() {
        return new Author(signer, org, requireOrgKey());
    }

    /** The org's node URL from genesis, if it has one. */
    String orgNodeUrl() {
        return genesis.org(org).map(o -> o.node() == null ? null : o.node().apiUrl()).orElse(null);
    }
}
