package org.careledger.client.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.KeyFiles;

/**
 * A patient's keys, kept on the patient's side: {@code patient.json} (pseudonymous id, chain), {@code signing.key}
 * (Ed25519, signs consent) and {@code encryption.key} (X25519, opens records), both 0600. No name or other
 * identifier is stored, here or on the ledger.
 */
public record PatientWallet(Path dir, String patientId, String chainId, Signer signingKey, EncryptionKeyPair encryptionKey) {
    /** What patient.json holds. */
    public record Info(String patientId, String chainId) {}

    public static PatientWallet create(Path dir, String chainId, SecureRandom random) {
        byte[] idBytes = new byte[10];
        random.nextBytes(idBytes);
        String id = "p-" + java.util.HexFormat.of().formatHex(idBytes);
        try {
            Files.createDirectories(dir);
            if (Files.exists(dir.resolve("patient.json"))) {
                throw new CareledgerException("WALLET_EXISTS", dir + " already holds a patient wallet");
            }
            Signer signing = Ed25519Signer.generate(random);
            EncryptionKeyPair enc = EncryptionKeyPair.generate();
            KeyFiles.writePrivateKey(dir.resolve("signing.key"), signing);
            KeyFiles.writeEncryptionKey(dir.resolve("encryption.key"), enc);
            Files.write(dir.resolve("patient.json"), CanonicalJson.encode(new Info(id, chainId)));
            return new PatientWallet(dir, id, chainId, signing, enc);
        } catch (IOException e) {
            throw new CareledgerException("WALLET_UNWRITABLE", "cannot create a wallet in " + dir + ": " + e.getMessage());
        }
    }

    public static PatientWallet open(Path dir) {
        try {
            Info info = CanonicalJson.decode(Files.readAllBytes(dir.resolve("patient.json")), Info.class);
            return new PatientWallet(dir, info.patientId(), info.chainId(), KeyFiles.readSigner(dir.resolve("signing.key")),
                    KeyFiles.readEncryptionKey(dir.resolve("encryption.key")));
        } catch (IOException e) {
            throw new CareledgerException("WALLET_NOT_FOUND", dir + " is not a patient wallet: " + e.getMessage());
        }
    }

    /** Where the wallet keeps a copy of its network's genesis: the node keys its client trusts. */
    public static final String GENESIS_FILE = "genesis.json";

    /** Keeps the network's genesis in the wallet, so the patient's client can check the nodes it talks to. */
    public void keepGenesis(byte[] genesisJson) {
        try {
            Files.write(dir.resolve(GENESIS_FILE), genesisJson);
        } catch (IOException e) {
            throw new CareledgerException("WALLET_UNWRITABLE", "cannot write " + dir.resolve(GENESIS_FILE) + ": "
                    + e.getMessage());
        }
    }

    /** The node keys this wallet's network pins, or null if the wallet holds no genesis. */
    public org.careledger.client.auth.NodeTrust trust() {
        Path g = dir.resolve(GENESIS_FILE);
        return Files.isRegularFile(g) ? org.careledger.client.auth.NodeTrust.fromGenesis(g) : null;
    }

    /** The ledger identity id of this patient. */
    public String identityId() {
        return "patient/" + patientId;
    }

    public TxSigner signer() {
        return new TxSigner(chainId, identityId(), signingKey);
    }
}
