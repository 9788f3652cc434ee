package org.careledger.client.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.AdjudicationCheck;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.Commitments;
import org.careledger.core.claims.ServiceCode;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.junit.jupiter.api.Test;

/** The sealing and adjudication the SDK does before it submits: what the ledger sees, and what each party opens. */
class ClaimsClientTest {
    private static final ServiceCode CHECKUP = new ServiceCode("http://snomed.info/sct", "410620009");
    private static final ServiceCode MRI = new ServiceCode("http://snomed.info/sct", "241615005");

    private final EncryptionKeyPair provider = EncryptionKeyPair.generate();
    private final EncryptionKeyPair insurer = EncryptionKeyPair.generate();
    private final EncryptionKeyPair patient = EncryptionKeyPair.generate();
    private final EncryptionKeyPair stranger = EncryptionKeyPair.generate();
    private final byte[] patientKey = ClaimsClient.newKey();
    private final Map<String, byte[]> readers = Map.of("hospital-a", provider.publicKey(), "insurer-e",
            insurer.publicKey(), "patient/p-1", patient.publicKey());

    private ClaimContent content() {
        return new ClaimContent("c-1", "p-1", "cov-1", "hospital-a", "2024-03-02", "USD",
                List.of(new ClaimLine(1, CHECKUP, 1, 15_000, "r-enc", null),
                        new ClaimLine(2, MRI, 1, 60_000, "r-proc", "pa-1")),
                List.of(new ServiceCode("http://snomed.info/sct", "44054006")), 75_000, null);
    }

    private BenefitRules rules() {
        return new BenefitRules("plan-gold", 1, "2024-01-01", "USD",
                new TreeMap<>(Map.of(CHECKUP.key(), 10_000L, MRI.key(), 50_000L)), 20_000, 1_000, 2_000,
                List.of(MRI.key()), new TreeMap<>());
    }

    @Test
    void aSealedClaimShowsTheLedgerOnlyFingerprintsAndEveryPartyOpensIt() {
        ClaimsClient.SealedClaim s = ClaimsClient.sealClaim(content(), patientKey, readers, null);
        ClaimArgs.SubmitClaim args = s.args();
        assertThat(args.lines()).extracting(ClaimArgs.LineRef::fingerprint).containsExactly(
                ClaimFingerprints.fingerprint(patientKey, CHECKUP, "2024-03-02"),
                ClaimFingerprints.fingerprint(patientKey, MRI, "2024-03-02"));
        assertThat(args.lines().get(0).serviceTag()).isNull();
        assertThat(args.lines().get(1).serviceTag()).isEqualTo(ClaimFingerprints.serviceTag(patientKey, MRI));
        assertThat(args.lines().get(1).preauthId()).isEqualTo("pa-1");
        assertThat(args.ciphertextSha256()).isEqualTo(s.sealed().ciphertextSha256());
        String publicPart = new String(org.careledger.core.json.CanonicalJson.encode(args),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(publicPart).doesNotContain("410620009", "241615005", "44054006", "15000", "75000");

        for (Map.Entry<String, EncryptionKeyPair> reader : Map.of("hospital-a", provider, "insurer-e", insurer,
                "patient/p-1", patient).entrySet()) {
            ClaimSealer.Payload<ClaimContent> opened = ClaimSealer.open(ClaimSealer.claimContext("c-1"),
                    s.sealed().ciphertext(), s.sealed().keys(), reader.getKey(), reader.getValue(), ClaimContent.class);
            assertThat(opened.value()).isEqualTo(content());
            assertThat(Commitments.commit(opened.nonce(), opened.value())).isEqualTo(args.totalCommitment());
        }
        assertThatThrownBy(() -> ClaimSealer.open(ClaimSealer.claimContext("c-1"), s.sealed().ciphertext(),
                s.sealed().keys(), "pharmacy-x", stranger, ClaimContent.class))
                .isInstanceOf(CareledgerException.class).hasMessageContaining("pharmacy-x holds no key");
        // a blob moved to another claim does not open
        assertThatThrownBy(() -> ClaimSealer.open(ClaimSealer.claimContext("c-2"), s.sealed().ciphertext(),
                s.sealed().keys(), "insurer-e", insurer, ClaimContent.class)).isInstanceOf(CareledgerException.class);
    }

    @Test
    void theInsurersAdjudicationReRunsForThePatientAndRefusesDisguisedFingerprints() {
        ClaimsClient.SealedClaim s = ClaimsClient.sealClaim(content(), patientKey, readers, null);
        List<String> fps = s.args().lines().stream().map(ClaimArgs.LineRef::fingerprint).toList();
        List<byte[]> blobs = new ArrayList<>();
        ClaimsClient.Adjudicated a = ClaimsClient.prepareAdjudication("adj-1", content(), patientKey, fps, rules(),
                Accumulators.NONE, Map.of(), null, readers, blobs);
        assertThat(blobs).hasSize(2);
        assertThat(a.args().rulesVersion()).isEqualTo(1);
        assertThat(a.args().previousAdjudicationId()).isNull();
        // no approval for the MRI: denied for want of a preauth, the checkup approved after the deductible
        assertThat(a.result().lines().get(1).reason().name()).isEqualTo("PREAUTH_REQUIRED");
        assertThat(a.result().submitted()).isEqualTo(75_000);

        ClaimSealer.Payload<org.careledger.core.claims.Adjudication> opened = ClaimSealer.open(
                ClaimSealer.adjudicationContext("adj-1"), blobs.get(0), blobs.get(1), "patient/p-1", patient,
                org.careledger.core.claims.Adjudication.class);
        assertThat(AdjudicationCheck.problem(content(), rules(), Map.of(), opened.value(), opened.nonce(),
                a.args().resultCommitment())).isNull();

        List<String> disguised = List.of(fps.get(0), ClaimFingerprints.fingerprint(patientKey, MRI, "2024-03-03"));
        assertThatThrownBy(() -> ClaimsClient.prepareAdjudication("adj-2", content(), patientKey, disguised, rules(),
                Accumulators.NONE, Map.of(), null, readers, new ArrayList<>()))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ClaimsClient.CLAIM_FINGERPRINT_MISMATCH));
    }

    @Test
    void theSharedClaimsKeyOpensOnlyForItsOrg() {
        byte[] blob = ClaimSealer.wrapPatientKey(patientKey, "p-1", "insurer-e", insurer.publicKey());
        assertThat(ClaimSealer.unwrapPatientKey(blob, "p-1", "insurer-e", insurer)).isEqualTo(patientKey);
        assertThatThrownBy(() -> ClaimSealer.unwrapPatientKey(blob, "p-1", "hospital-a", insurer))
                .isInstanceOf(CareledgerException.class);
        assertThatThrownBy(() -> ClaimSealer.unwrapPatientKey(blob, "p-1", "insurer-e", stranger))
                .isInstanceOf(CareledgerException.class);
    }
}
