package org.careledger.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.records.AccessResult;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.drugs.DrugClient;
import org.careledger.client.drugs.DrugProofCheck;
import org.careledger.client.records.Author;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.crypto.x509.KeyFiles;

/**
 * The worked example of client/README.md. The code between the markers is the README's java block, character for
 * character after indentation ({@code ReadmeExampleTest} fails when they differ); {@code cli/.../SdkClientsIT} runs
 * it against a real four-node Raft network.
 */
public final class ReadmeExample {
    private ReadmeExample() {}

    /** What the example saw, for the test that runs it. */
    public record Seen(String patientId, String recordId, String grantId, byte[] plaintext, AccessResult read,
                       DrugVerification pack, DrugProofCheck.Checked custody, CheckedHeader proven) {}

    public static Seen run(Path net, String hospitalA, String hospitalB, Path walletDir, String sgtin) {
        // BEGIN README EXAMPLE
        // Connect: pin the node keys of genesis (TLS) and sign every request as a ledger identity (RFC 9421).
        Path genesisFile = net.resolve("genesis.json");
        NodeTrust trust = NodeTrust.fromGenesis(genesisFile);
        GenesisNodes genesis = GenesisNodes.fromGenesis(genesisFile);
        TxSigner drAmes = new TxSigner(genesis.chainId(), "hospital-a/dr-ames",
                KeyFiles.readSigner(net.resolve("hospital-a/members/dr-ames.key")));
        TxSigner drLee = new TxSigner(genesis.chainId(), "hospital-b/dr-lee",
                KeyFiles.readSigner(net.resolve("hospital-b/members/dr-lee.key")));
        ReadSession session = new ReadSession(); // what one node wrote, the other reads
        CareledgerClient nodeA = new CareledgerClient(hospitalA, session, trust, drAmes.requestSigner());
        CareledgerClient nodeB = new CareledgerClient(hospitalB, session, trust, drLee.requestSigner());
        RecordsClient records = new RecordsClient(nodeA);

        // A patient's wallet: its keys stay on the patient's side. Hospital A registers the patient.
        PatientWallet wallet = PatientWallet.create(walletDir, genesis.chainId(), new SecureRandom());
        records.registerPatient(drAmes, wallet);

        // Dr Ames writes an Observation, sealed for the patient and hospital A; the node sees ciphertext only.
        Author author = new Author(drAmes, "hospital-a",
                KeyFiles.readEncryptionKey(net.resolve("hospital-a/org/encryption.key")));
        byte[] observation = "{\"resourceType\":\"Observation\",\"status\":\"final\"}".getBytes(StandardCharsets.UTF_8);
        RecordsClient.Written written = records.writeRecord(author, wallet.patientId(),
                wallet.encryptionKey().publicKey(), "Observation", observation, null, null);

        // The patient grants hospital B its Observations for treatment (the data key is re-wrapped by the patient).
        String grantId = new ConsentClient(nodeA).grant(wallet, "hospital-b", List.of("Observation"), null, "TREAT",
                null);

        // Dr Lee reads it through hospital B's node: the read is committed and audited, then opened with B's key.
        AccessResult read = new RecordsClient(nodeB).read(drLee, written.recordId(), "TREAT", null);
        byte[] plaintext = RecordsClient.open(read, "hospital-b",
                KeyFiles.readEncryptionKey(net.resolve("hospital-b/org/encryption.key")));

        // Is this pack genuine? Its custody proofs are checked against a quorum of genesis node signatures.
        DrugVerification pack = new DrugClient(nodeB).verify(sgtin);
        DrugProofCheck.Checked custody = DrugClient.checkProofs(pack, genesis);

        // Trust no single node: the record's write is proven under a header a quorum of genesis nodes certified.
        long finalHeight = nodeB.awaitFinal(written.response().height(), Duration.ofSeconds(30)).finalHeight();
        CheckedHeader proven = ProofChecker.verifyTx(nodeB.tx(written.response().txId(), finalHeight), genesis);
        // END README EXAMPLE
        return new Seen(wallet.patientId(), written.recordId(), grantId, plaintext, read, pack, custody, proven);
    }
}
