package org.careledger.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.careledger.api.SubmitResponse;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.RecordSealer;
import org.careledger.api.records.SealedRecord;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.fhir.BundleIndex;
import org.junit.jupiter.api.Test;

/** The client-side logic of the records SDK that needs no node: opening served records, idempotency keys, ids. */
class RecordsClientTest {
    private static final byte[] FHIR = "{\"resourceType\":\"Observation\",\"status\":\"final\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final EncryptionKeyPair hospital = EncryptionKeyPair.generate();

    private AccessResult served(SealedRecord s, String ciphertextSha256) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new AccessResult("a-1", "00".repeat(32), 3, "OWN_ORG", false, s.recordId(), "Observation", "p-1",
                "hospital-a", ciphertextSha256, b64.encodeToString(s.ciphertext()), s.keysSha256().hex(),
                b64.encodeToString(s.keysBlob()), null, null, null);
    }

    @Test
    void aServedRecordOpensWithTheReadersOrgKey() {
        SealedRecord s = RecordSealer.seal("r-1", FHIR, Map.of("hospital-a", hospital.publicKey()));
        assertThat(RecordsClient.open(served(s, s.ciphertextSha256().hex()), "hospital-a", hospital)).isEqualTo(FHIR);
    }

    @Test
    void aCiphertextThatIsNotTheCommittedOneIsRefusedBeforeDecrypting() {
        SealedRecord s = RecordSealer.seal("r-1", FHIR, Map.of("hospital-a", hospital.publicKey()));
        assertThatThrownBy(() -> RecordsClient.open(served(s, "ab".repeat(32)), "hospital-a", hospital))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(CryptoErrors.RECORD_DECRYPT_FAILED);
                    assertThat(e.getMessage()).contains("does not match the SHA-256 committed on the ledger");
                });
    }

    @Test
    void aCiphertextMovedToAnotherRecordDoesNotOpen() {
        SealedRecord s = RecordSealer.seal("r-1", FHIR, Map.of("hospital-a", hospital.publicKey()));
        SealedRecord other = RecordSealer.seal("r-2", FHIR, Map.of("hospital-a", hospital.publicKey()));
        assertThatThrownBy(() -> RecordsClient.openBytes("r-2", s.ciphertext(), other.keys(), "hospital-a", hospital))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(CryptoErrors.RECORD_DECRYPT_FAILED);
                    assertThat(e.getMessage()).contains("record r-2 does not decrypt");
                });
    }

    @Test
    void importKeysAreStablePerResourceAndDifferPerPatient() {
        BundleIndex.Entry obs = new BundleIndex.Entry(0, "urn:uuid:1", "Observation", "o-1", List.of(), 0, 10);
        String k = RecordsClient.sourceKey("p-1", "src-9", obs);
        assertThat(k).matches("[0-9a-f]{64}").isEqualTo(RecordsClient.sourceKey("p-1", "src-9", obs));
        assertThat(RecordsClient.sourceKey("p-2", "src-9", obs)).isNotEqualTo(k);
        assertThat(RecordsClient.subjectKey("p-1", "src-9")).isNotEqualTo(RecordsClient.subjectKey("p-2", "src-9"))
                .doesNotContain("src-9");
    }

    @Test
    void anAuthorWithoutItsOrgKeyCannotWrite() {
        Author a = new Author(new TxSigner("chain", "hospital-a/dr-lee", Ed25519Signer.generate(
                new java.security.SecureRandom())), "hospital-a", null);
        assertThatThrownBy(a::requireOrgKey).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("ORG_KEY_NOT_FOUND"));
    }

    @Test
    void aRejectedSubmissionBecomesItsErrorCode() {
        SubmitResponse ok = new SubmitResponse("t", "COMMITTED", 1, 0, "h", "VALID", null, null, null);
        assertThat(Submissions.requireValid(ok, "x")).isSameAs(ok);
        SubmitResponse bad = new SubmitResponse("t", "COMMITTED", 1, 0, "h", "CONTRACT_ERROR", "GRANT_NOT_FOUND",
                "no such grant", null);
        assertThatThrownBy(() -> Submissions.requireValid(bad, "consent.revoke"))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("GRANT_NOT_FOUND");
                    assertThat(e.getMessage()).isEqualTo("consent.revoke failed: no such grant");
                });
        assertThat(Submissions.newId("g-")).matches("g-[0-9a-f]{32}").isNotEqualTo(Submissions.newId("g-"));
    }
}
