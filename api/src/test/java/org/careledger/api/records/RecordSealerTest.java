package org.careledger.api.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.junit.jupiter.api.Test;

class RecordSealerTest {
    private static final byte[] FHIR = "{\"resourceType\":\"Observation\",\"status\":\"final\"}".getBytes(StandardCharsets.UTF_8);
    private final EncryptionKeyPair patient = EncryptionKeyPair.generate();
    private final EncryptionKeyPair hospital = EncryptionKeyPair.generate();

    private SealedRecord sealed() {
        return RecordSealer.seal("rec-1", FHIR, Map.of("patient/p-1", patient.publicKey(), "hospital-a", hospital.publicKey()));
    }

    @Test
    void everyRecipientOpensTheRecordAndTheCiphertextHidesThePlaintext() {
        SealedRecord s = sealed();
        assertThat(new String(s.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Observation");
        assertThat(RecordSealer.open("rec-1", s.ciphertext(), s.keys(), "patient/p-1", patient)).isEqualTo(FHIR);
        assertThat(RecordSealer.open("rec-1", s.ciphertext(), s.keys(), "hospital-a", hospital)).isEqualTo(FHIR);
    }

    @Test
    void aTamperedCiphertextFailsWithAClearCode() {
        SealedRecord s = sealed();
        byte[] bad = s.ciphertext().clone();
        bad[bad.length / 2] ^= 1;
        assertThatThrownBy(() -> RecordSealer.open("rec-1", bad, s.keys(), "hospital-a", hospital))
                .isInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("RECORD_DECRYPT_FAILED"));
    }

    @Test
    void aCiphertextMovedToAnotherRecordIdDoesNotOpen() {
        SealedRecord s = sealed();
        KeyBundle moved = KeyBundle.empty().with("rec-2", "hospital-a", s.keys().wrappedFor("rec-1", "hospital-a"));
        assertThatThrownBy(() -> RecordSealer.open("rec-2", s.ciphertext(), moved, "hospital-a", hospital))
                .isInstanceOf(CareledgerException.class);
    }

    @Test
    void theWrongKeyAndAMissingWrapAreRefused() {
        SealedRecord s = sealed();
        EncryptionKeyPair stranger = EncryptionKeyPair.generate();
        assertThatThrownBy(() -> RecordSealer.open("rec-1", s.ciphertext(), s.keys(), "hospital-a", stranger))
                .isInstanceOf(CareledgerException.class);
        assertThatThrownBy(() -> RecordSealer.open("rec-1", s.ciphertext(), s.keys(), "hospital-b", stranger))
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("KEY_NOT_WRAPPED_FOR_READER"));
    }

    @Test
    void thePatientRewrapsForAGranteeWhoThenOpensIt() {
        SealedRecord s = sealed();
        EncryptionKeyPair grantee = EncryptionKeyPair.generate();
        KeyBundle grant = RecordSealer.rewrap(KeyBundle.empty(), "rec-1", s.keys(), "patient/p-1", patient, "hospital-b",
                grantee.publicKey());
        assertThat(RecordSealer.open("rec-1", s.ciphertext(), KeyBundle.fromBytes(grant.toBytes()), "hospital-b", grantee))
                .isEqualTo(FHIR);
        assertThat(KeyBundle.fromBytes(grant.toBytes()).sha256()).isEqualTo(grant.sha256());
    }
}
