package org.careledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.contract.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Break-glass at read time: only a provider-org clinician with role emergency, for treatment. Members whose identity
 * in state carries emergency without qualifying stand for roles registered before membership checked them; they
 * are written into state directly, as the membership contract would now refuse them.
 */
class BreakGlassClinicianTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;

    @BeforeEach
    void world() {
        w.org("insurer-e", "insurer");
        w.patient("p-alice01");
        w.record(w.drLee, "r-obs", "p-alice01", "Observation");
        ledger.nextBlock(1000);
    }

    @Test
    void aHospitalPhysicianWithEmergencyBreaksTheGlassForTreatment() {
        for (String purpose : List.of("ETREAT", "TREAT")) {
            String accessId = "a-" + purpose;
            FakeLedger.Outcome o = w.read(w.erDocB, accessId, "r-obs", purpose, "unconscious in the ED");
            assertThat(o.ok()).isTrue();
            Disclosure d = w.disclosure(accessId);
            assertThat(d.decision()).as(purpose).isEqualTo("BREAK_GLASS");
            assertThat(d.denialReason()).isNull();
            assertThat(ledger.has("review/hospital-a/" + accessId)).isTrue();
        }
    }

    @Test
    void anInsurerMemberWithALegacyEmergencyRoleIsDeniedAndThePatientSeesIt() {
        Identity adjuster = w.member("insurer-e/adjuster", "emergency", "physician");
        FakeLedger.Outcome o = w.read(adjuster, "a-1", "r-obs", "ETREAT", "claims an emergency");

        assertThat(o.ok()).as("a denied read still commits").isTrue();
        Disclosure d = w.disclosure("a-1");
        assertThat(d.granted()).isFalse();
        assertThat(d.decision()).isEqualTo("DENIED");
        assertThat(d.denialReason()).isEqualTo("BREAK_GLASS_NOT_CLINICIAN");
        assertThat(d.accessor()).isEqualTo("insurer-e/adjuster");
        assertThat(d.breakGlass()).isFalse();
        assertThat(d.reviewOrg()).isNull();
        assertThat(o.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("AccessDenied");
            assertThat(e.json()).contains("\"denialReason\":\"BREAK_GLASS_NOT_CLINICIAN\"");
        });
        assertThat(ledger.keys("patient-disclosures/p-alice01/"))
                .containsExactly(String.format("patient-disclosures/p-alice01/%020d/a-1", ledger.height()));
        assertThat(ledger.keys("review/")).as("nothing was disclosed, so nothing to review").isEmpty();
    }

    @Test
    void aPharmacyMemberWithEmergencyAndAClinicalRoleIsStillDenied() {
        Identity pharm = w.member("pharmacy-d/on-call", "emergency", "pharmacist", "physician");
        assertThat(decision(pharm, "a-1", "ETREAT")).isEqualTo("BREAK_GLASS_NOT_CLINICIAN");
    }

    @Test
    void emergencyWithoutAClinicalRoleInAProviderOrgIsDenied() {
        Identity clerk = w.member("hospital-b/er-clerk", "emergency", "billing");
        Identity tech = w.member("lab-c/er-tech", "emergency", "lab-tech");
        assertThat(decision(clerk, "a-1", "ETREAT")).isEqualTo("BREAK_GLASS_NOT_CLINICIAN");
        assertThat(decision(tech, "a-2", "ETREAT")).as("lab-tech is not a clinical role")
                .isEqualTo("BREAK_GLASS_NOT_CLINICIAN");
    }

    @Test
    void aMemberOfAnOrgMissingFromStateIsDenied() {
        Identity ghost = w.member("gone-org/er-doc", "emergency", "physician");
        assertThat(decision(ghost, "a-1", "ETREAT")).isEqualTo("BREAK_GLASS_NOT_CLINICIAN");
    }

    @Test
    void breakGlassIsForTreatmentPurposesOnly() {
        int n = 0;
        for (String purpose : List.of("HPAYMT", "HOPERAT", "HRESCH", "PUBHLTH")) {
            assertThat(decision(w.erDocB, "a-" + (++n), purpose)).as(purpose).isEqualTo("BREAK_GLASS_NOT_TREATMENT");
        }
        assertThat(ledger.keys("review/")).isEmpty();
    }

    @Test
    void withoutTheEmergencyRoleTheReasonStaysNotPermitted() {
        assertThat(decision(w.drNg, "a-1", "HPAYMT")).isEqualTo("BREAK_GLASS_NOT_PERMITTED");
        assertThat(decision(w.pharmacist, "a-2", "ETREAT")).isEqualTo("BREAK_GLASS_NOT_PERMITTED");
    }

    /** Reads r-obs with a break-glass reason and returns the committed denial reason (or the decision if granted). */
    private String decision(Identity reader, String accessId, String purpose) {
        FakeLedger.Outcome o = w.read(reader, accessId, "r-obs", purpose, "says it is urgent");
        assertThat(o.ok()).as("%s: %s", accessId, o.error()).isTrue();
        Disclosure d = w.disclosure(accessId);
        assertThat(ledger.keys("patient-disclosures/p-alice01/")).anyMatch(k -> k.endsWith("/" + accessId));
        return d.granted() ? d.decision() : d.denialReason();
    }
}
