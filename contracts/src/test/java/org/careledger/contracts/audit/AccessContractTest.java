package org.careledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.careledger.contracts.consent.LimitConsent;
import org.careledger.contracts.consent.RevokeConsent;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.contract.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessContractTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;
    private Identity alice;
    private Identity bob;

    @BeforeEach
    void world() {
        alice = w.patient("p-alice01");
        bob = w.patient("p-bob0001");
        w.record(w.drLee, "r-obs", "p-alice01", "Observation");
        w.record(w.drLee, "r-obs2", "p-alice01", "Observation");
        w.record(w.drLee, "r-cond", "p-alice01", "Condition");
        ledger.nextBlock(1000);
    }

    @Test
    void anOrgGrantLetsItsMembersReadForThatPurpose() {
        grant("g-1", "hospital-b", List.of("Observation"), null, "TREAT", null);
        FakeLedger.Outcome o = w.read(w.drNg, "a-1", "r-obs", "TREAT", null);

        assertThat(o.ok()).isTrue();
        Disclosure d = w.disclosure("a-1");
        assertThat(d).isEqualTo(new Disclosure("a-1", o.txId().hex(), "r-obs", "p-alice01", "Observation",
                "hospital-b/dr-ng", "hospital-b", "TREAT", true, "GRANT", "g-1", false, null, null, null,
                ledger.time(), ledger.height()));
        assertThat(ledger.keys("patient-disclosures/p-alice01/"))
                .containsExactly(String.format("patient-disclosures/p-alice01/%020d/a-1", ledger.height()));
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("AccessGranted");
        assertThat(o.attached()).isEmpty();
        assertThat(decision(w.drPark, "a-2", "r-obs", "TREAT")).isEqualTo("GRANT");
    }

    @Test
    void aMemberGrantIsForThatMemberOnly() {
        grant("g-1", "hospital-b/dr-ng", List.of("Observation"), null, "TREAT", null);
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("GRANT");
        assertThat(decision(w.drPark, "a-2", "r-obs", "TREAT")).isEqualTo("DENIED");
        assertThat(w.disclosure("a-2").denialReason()).isEqualTo("NO_CONSENT");
    }

    @Test
    void theScopeIsTheListedIdsOrTypes() {
        grant("g-1", "hospital-b", null, List.of("r-obs"), "TREAT", null);
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("GRANT");
        assertThat(decision(w.drNg, "a-2", "r-obs2", "TREAT")).as("same type, not listed").isEqualTo("DENIED");
        assertThat(decision(w.drNg, "a-3", "r-cond", "TREAT")).isEqualTo("DENIED");
    }

    @Test
    void theWrongPurposeIsDenied() {
        grant("g-1", "hospital-b", List.of("Observation"), null, "TREAT", null);
        assertThat(decision(w.drNg, "a-1", "r-obs", "HRESCH")).isEqualTo("DENIED");
        assertThat(decision(w.drNg, "a-2", "r-obs", "ETREAT")).isEqualTo("DENIED");
    }

    @Test
    void aGrantExpiresExactlyAtItsExpiry() {
        long expires = ledger.time() + 1000;
        grant("g-1", "hospital-b", List.of("Observation"), null, "TREAT", expires);
        ledger.nextBlock(999);
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("GRANT");
        ledger.nextBlock(1);
        assertThat(ledger.time()).isEqualTo(expires);
        assertThat(decision(w.drNg, "a-2", "r-obs", "TREAT")).isEqualTo("DENIED");
    }

    @Test
    void aRevokedGrantNoLongerApplies() {
        grant("g-1", "hospital-b", List.of("Observation"), null, "TREAT", null);
        ledger.ok(w.consent, alice, "revoke", new RevokeConsent("g-1"));
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("DENIED");
    }

    @Test
    void aLimitedGrantCoversOnlyWhatIsLeft() {
        grant("g-1", "hospital-b", List.of("Condition", "Observation"), null, "TREAT", null);
        ledger.ok(w.consent, alice, "limit", new LimitConsent("g-1", List.of("Condition"), null, null, null));
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("DENIED");
        assertThat(decision(w.drNg, "a-2", "r-cond", "TREAT")).isEqualTo("GRANT");
    }

    @Test
    void anotherPatientsGrantDoesNotCoverThisPatient() {
        w.record(w.drLee, "r-bob", "p-bob0001", "Observation");
        ledger.ok(w.consent, bob, "grant", w.grantArgs("g-bob", "p-bob0001", "hospital-b", List.of("Observation"), null,
                "TREAT", null));
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("DENIED");
        assertThat(decision(w.drNg, "a-2", "r-bob", "TREAT")).isEqualTo("GRANT");
    }

    @Test
    void theFirstMatchingGrantInIdOrderIsRecorded() {
        grant("g-b", "hospital-b", List.of("Observation"), null, "TREAT", null);
        grant("g-a", "hospital-b/dr-ng", null, List.of("r-obs"), "TREAT", null);
        w.read(w.drNg, "a-1", "r-obs", "TREAT", null);
        assertThat(w.disclosure("a-1").grantId()).isEqualTo("g-a");
    }

    @Test
    void theAuthorOrgReadsItsOwnRecordsWithoutAGrant() {
        assertThat(decision(w.nurseKim, "a-1", "r-obs", "TREAT")).isEqualTo("OWN_ORG");
        assertThat(decision(w.clerkA, "a-2", "r-obs", "HPAYMT")).isEqualTo("OWN_ORG");
        assertThat(w.disclosure("a-2").grantId()).isNull();
        assertThat(decision(w.labTech, "a-3", "r-obs", "TREAT")).isEqualTo("DENIED");
    }

    @Test
    void anEmergencyMemberBreaksTheGlassAndIsQueuedForTheCustodiansReview() {
        FakeLedger.Outcome o = w.read(w.erDocB, "a-1", "r-obs", "ETREAT", "  unconscious patient in ER  ");
        Disclosure d = w.disclosure("a-1");
        assertThat(d.granted()).isTrue();
        assertThat(d.decision()).isEqualTo("BREAK_GLASS");
        assertThat(d.breakGlass()).isTrue();
        assertThat(d.breakGlassReason()).isEqualTo("unconscious patient in ER");
        assertThat(d.reviewOrg()).isEqualTo("hospital-a");
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("BreakGlassAccess");
        assertThat(ledger.read("review/hospital-a/a-1", PendingReview.class)).isEqualTo(new PendingReview("a-1", "r-obs",
                "p-alice01", "hospital-b/er-doc", "hospital-b", ledger.time()));
    }

    @Test
    void breakGlassNeedsTheEmergencyRoleAndAReason() {
        FakeLedger.Outcome noRole = w.read(w.drNg, "a-1", "r-obs", "ETREAT", "says it is urgent");
        assertThat(noRole.ok()).as("a denied read still commits").isTrue();
        Disclosure d = w.disclosure("a-1");
        assertThat(d.decision()).isEqualTo("DENIED");
        assertThat(d.denialReason()).isEqualTo("BREAK_GLASS_NOT_PERMITTED");
        assertThat(d.breakGlass()).isFalse();
        assertThat(d.breakGlassReason()).as("the refused attempt keeps its reason").isEqualTo("says it is urgent");
        assertThat(ledger.keys("review/")).isEmpty();

        assertThat(decision(w.erDocB, "a-2", "r-obs", "ETREAT")).as("no reason").isEqualTo("DENIED");
        assertThat(decision(w.erDocB, "a-3", "r-obs", "ETREAT", "   ")).as("blank reason").isEqualTo("DENIED");
        assertThat(w.disclosure("a-3").denialReason()).isEqualTo("NO_CONSENT");
    }

    @Test
    void aMatchingGrantWinsOverBreakGlass() {
        grant("g-1", "hospital-b", List.of("Observation"), null, "ETREAT", null);
        assertThat(decision(w.erDocB, "a-1", "r-obs", "ETREAT", "emergency")).isEqualTo("GRANT");
        assertThat(w.disclosure("a-1").breakGlassReason()).isNull();
        assertThat(ledger.keys("review/")).isEmpty();
    }

    @Test
    void deniedReadsAreRecordedForThePatient() {
        FakeLedger.Outcome o = w.read(w.drNg, "a-1", "r-obs", "TREAT", null);
        assertThat(o.ok()).isTrue();
        assertThat(o.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("AccessDenied");
            assertThat(e.json()).contains("\"granted\":false").contains("\"denialReason\":\"NO_CONSENT\"");
        });
        assertThat(w.disclosure("a-1").granted()).isFalse();
        assertThat(ledger.keys("patient-disclosures/p-alice01/")).hasSize(1);
    }

    @Test
    void anErasedRecordIsDeniedToEveryone() {
        grant("g-1", "hospital-b", List.of("Observation"), null, "TREAT", null);
        ledger.ok(w.records, alice, "eraseRecord", new EraseRecord("r-obs", null, null));
        assertThat(decision(w.drNg, "a-1", "r-obs", "TREAT")).isEqualTo("DENIED");
        assertThat(decision(w.drLee, "a-2", "r-obs", "TREAT")).isEqualTo("DENIED");
        assertThat(decision(w.erDocB, "a-3", "r-obs", "ETREAT", "emergency")).isEqualTo("DENIED");
        assertThat(List.of(w.disclosure("a-1"), w.disclosure("a-2"), w.disclosure("a-3")))
                .extracting(Disclosure::denialReason).containsOnly("RECORD_ERASED");
        assertThat(ledger.keys("review/")).isEmpty();
    }

    @Test
    void onlyMembersRead() {
        for (Identity signer : List.of(alice, w.adminA, w.adminB)) {
            String accessId = "a-" + signer.org();
            assertThat(decision(signer, accessId, "r-obs", "TREAT")).as(signer.id()).isEqualTo("DENIED");
            assertThat(w.disclosure(accessId).denialReason()).isEqualTo("SIGNER_NOT_MEMBER");
        }
    }

    @Test
    void disclosuresAreIndexedByBlockHeight() {
        w.read(w.drLee, "a-z", "r-obs", "TREAT", null);
        ledger.nextBlock(1000);
        w.read(w.drLee, "a-a", "r-obs", "TREAT", null);
        assertThat(ledger.keys("patient-disclosures/p-alice01/")).containsExactly(
                String.format("patient-disclosures/p-alice01/%020d/a-z", ledger.height() - 1),
                String.format("patient-disclosures/p-alice01/%020d/a-a", ledger.height()));
    }

    @Test
    void malformedReadsFailAndRecordNothing() {
        w.read(w.drNg, "a-1", "r-obs", "TREAT", null);
        assertMalformed(w.read(w.drNg, "a-1", "r-obs", "TREAT", null), "ACCESS_EXISTS");
        assertMalformed(w.read(w.drNg, "a-2", "r-none", "TREAT", null), "ACCESS_RECORD_UNKNOWN");
        assertMalformed(w.read(w.drNg, "a-2", null, "TREAT", null), "ACCESS_RECORD_UNKNOWN");
        assertMalformed(w.read(w.drNg, "a/2", "r-obs", "TREAT", null), "ACCESS_ID_INVALID");
        assertMalformed(w.read(w.drNg, "a-2", "r-obs", "treat", null), "PURPOSE_INVALID");
        assertMalformed(w.read(w.drNg, "a-2", "r-obs", null, null), "PURPOSE_INVALID");
        assertMalformed(w.read(w.erDocB, "a-2", "r-obs", "ETREAT", "x".repeat(513)), "ACCESS_REASON_INVALID");
        assertMalformed(w.read(w.erDocB, "a-2", "r-obs", "ETREAT", "line\u0007bell"), "ACCESS_REASON_INVALID");
        assertThat(ledger.has("access/a-2")).isFalse();
        assertThat(ledger.keys("patient-disclosures/")).hasSize(1);
    }

    @Test
    void unknownMethodsAreRefused() {
        assertThat(ledger.run(w.access, w.drNg, "write", new ReadRecord("a-1", "r-obs", "TREAT", null)).code())
                .isEqualTo("METHOD_UNKNOWN");
    }

    private void grant(String grantId, String grantee, List<String> types, List<String> ids, String purpose, Long expires) {
        ledger.ok(w.consent, alice, "grant", w.grantArgs(grantId, "p-alice01", grantee, types, ids, purpose, expires));
    }

    private String decision(Identity reader, String accessId, String recordId, String purpose) {
        return decision(reader, accessId, recordId, purpose, null);
    }

    private String decision(Identity reader, String accessId, String recordId, String purpose, String reason) {
        FakeLedger.Outcome o = w.read(reader, accessId, recordId, purpose, reason);
        assertThat(o.ok()).as("reads commit whatever the decision: " + o.error()).isTrue();
        Disclosure d = w.disclosure(accessId);
        assertThat(d.granted()).isEqualTo(!d.decision().equals("DENIED"));
        return d.decision();
    }

    private static void assertMalformed(FakeLedger.Outcome o, String code) {
        assertThat(o.code()).isEqualTo(code);
        assertThat(o.events()).isEmpty();
    }
}
