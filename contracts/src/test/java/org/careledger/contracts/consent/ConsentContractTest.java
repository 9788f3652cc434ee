package org.careledger.contracts.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.records.CareWorld.blob;
import static org.careledger.contracts.records.CareWorld.sha;

import java.util.List;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.contract.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentContractTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;
    private Identity alice;
    private Identity bob;

    @BeforeEach
    void world() {
        alice = w.patient("p-alice01");
        bob = w.patient("p-bob0001");
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        w.record(w.drLee, "r-2", "p-alice01", "Condition");
        w.record(w.drLee, "r-bob", "p-bob0001", "Observation");
    }

    @Test
    void thePatientGrantsAnOrg() {
        long expires = ledger.time() + 86_400_000L;
        FakeLedger.Outcome o = ledger.ok(w.consent, alice, "grant",
                w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation", "Condition", "Observation"),
                        List.of("r-1"), "TREAT", expires));

        assertThat(w.grantState("g-1")).isEqualTo(new ConsentGrant("g-1", "p-alice01", "hospital-b", ConsentGrant.ORG,
                List.of("Condition", "Observation"), List.of("r-1"), "TREAT", expires, blob("grant-keys/g-1"),
                "patient/p-alice01", ledger.time(), null, null, null, null));
        assertThat(ledger.keys("patient-grants/p-alice01/")).containsExactly("patient-grants/p-alice01/g-1");
        assertThat(ledger.keys("patient-active-grants/p-alice01/")).containsExactly("patient-active-grants/p-alice01/g-1");
        assertThat(o.attached()).containsExactly(sha("grant-keys/g-1"));
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("ConsentGranted");
    }

    @Test
    void theGranteeMayBeAMember() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b/dr-ng", List.of("Observation"),
                null, "TREAT", null));
        assertThat(w.grantState("g-1").granteeKind()).isEqualTo(ConsentGrant.MEMBER);
        assertThat(w.grantState("g-1").expiresAtMillis()).isNull();
    }

    @Test
    void aGuardianGrantsForThePatient() {
        Identity child = w.patient("p-child01", "p-alice01");
        w.record(w.drLee, "r-c", "p-child01", "Immunization");
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-c", "p-child01", "lab-c", null, List.of("r-c"), "TREAT", null));
        assertThat(w.grantState("g-c").grantedBy()).isEqualTo("patient/p-alice01");
        assertThat(child.id()).isEqualTo("patient/p-child01");
    }

    @Test
    void nobodyElseGrantsForThePatient() {
        for (Identity signer : List.of(bob, w.drLee, w.adminA, w.auditorA)) {
            assertThat(ledger.run(w.consent, signer, "grant",
                    w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null)).code())
                    .as(signer.id()).isEqualTo("NOT_PATIENT");
        }
        assertThat(ledger.keys("grant/")).isEmpty();
    }

    @Test
    void aPatientCannotGrantAnotherPatientsRecords() {
        assertThat(ledger.run(w.consent, alice, "grant",
                w.grantArgs("g-1", "p-alice01", "hospital-b", null, List.of("r-bob"), "TREAT", null)).code())
                .isEqualTo("GRANT_SCOPE_INVALID");
        assertThat(ledger.run(w.consent, alice, "grant",
                w.grantArgs("g-1", "p-bob0001", "hospital-b", null, List.of("r-bob"), "TREAT", null)).code())
                .isEqualTo("NOT_PATIENT");
    }

    @Test
    void grantsAreValidated() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null));
        assertGrant(w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "HPAYMT", null), "GRANT_EXISTS");
        assertGrant(w.grantArgs("g/2", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null), "GRANT_ID_INVALID");
        assertGrant(w.grantArgs("g-2", "p-nobody1", "hospital-b", List.of("Observation"), null, "TREAT", null), "PATIENT_UNKNOWN");
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", null, null, "TREAT", null), "GRANT_SCOPE_INVALID");
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", List.of(), List.of(), "TREAT", null), "GRANT_SCOPE_INVALID");
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", List.of("observation"), null, "TREAT", null), "GRANT_SCOPE_INVALID");
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", null, List.of("r-none"), "TREAT", null), "GRANT_SCOPE_INVALID");
        GrantConsent badKeys = new GrantConsent("g-2", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT",
                null, "zz");
        assertGrant(badKeys, "GRANT_KEYS_INVALID");
        GrantConsent stolenBlob = new GrantConsent("g-2", "p-alice01", "hospital-b", List.of("Observation"), null,
                "TREAT", null, blob("ct/r-bob"));
        assertGrant(stolenBlob, "BLOB_CLAIMED");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"hospital-z", "hospital-b/nobody", "patient/p-bob0001", "hospital-b/admin", "patient", "", "Hospital-B"})
    void theGranteeMustBeAnOrgOrAMember(String grantee) {
        assertGrant(w.grantArgs("g-2", "p-alice01", grantee, List.of("Observation"), null, "TREAT", null), "GRANTEE_UNKNOWN");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"treat", "BTG", "ANY", ""})
    void thePurposeIsOneOfTheSixActReasonCodes(String purpose) {
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", List.of("Observation"), null, purpose, null), "PURPOSE_INVALID");
    }

    @Test
    void allSixPurposesAreAccepted() {
        int i = 0;
        for (Purpose p : Purpose.values()) {
            ledger.ok(w.consent, alice, "grant", w.grantArgs("g-" + i++, "p-alice01", "hospital-b", List.of("Observation"),
                    null, p.name(), null));
        }
        assertThat(ledger.keys("grant/")).hasSize(6);
    }

    @Test
    void expiryMustBeAfterTheBlockTime() {
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", ledger.time()),
                "GRANT_EXPIRY_INVALID");
        assertGrant(w.grantArgs("g-2", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", ledger.time() - 1),
                "GRANT_EXPIRY_INVALID");
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-2", "p-alice01", "hospital-b", List.of("Observation"), null,
                "TREAT", ledger.time() + 1));
    }

    @Test
    void revokingEndsTheGrantAndPurgesItsKeys() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null));
        ledger.nextBlock(5000);
        assertThat(ledger.run(w.consent, bob, "revoke", new RevokeConsent("g-1")).code()).isEqualTo("NOT_PATIENT");
        assertThat(ledger.run(w.consent, w.drNg, "revoke", new RevokeConsent("g-1")).code()).isEqualTo("NOT_PATIENT");
        FakeLedger.Outcome o = ledger.ok(w.consent, alice, "revoke", new RevokeConsent("g-1"));

        ConsentGrant g = w.grantState("g-1");
        assertThat(g.revokedAtMillis()).isEqualTo(ledger.time());
        assertThat(g.revokedBy()).isEqualTo("patient/p-alice01");
        assertThat(g.revocationCause()).isEqualTo(ConsentGrant.PATIENT_REVOKED);
        assertThat(ledger.keys("patient-active-grants/p-alice01/")).isEmpty();
        assertThat(ledger.keys("patient-grants/p-alice01/")).containsExactly("patient-grants/p-alice01/g-1");
        assertThat(o.purged()).containsExactly(sha("grant-keys/g-1"));
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("ConsentRevoked");

        assertThat(ledger.run(w.consent, alice, "revoke", new RevokeConsent("g-1")).code()).isEqualTo("GRANT_ALREADY_REVOKED");
        assertThat(ledger.run(w.consent, alice, "revoke", new RevokeConsent("g-none")).code()).isEqualTo("GRANT_UNKNOWN");
    }

    @Test
    void aGuardianRevokes() {
        w.patient("p-child01", "hospital-a/nurse-kim");
        w.record(w.drLee, "r-c", "p-child01", "Immunization");
        ledger.ok(w.consent, w.nurseKim, "grant", w.grantArgs("g-c", "p-child01", "lab-c", null, List.of("r-c"), "TREAT", null));
        ledger.ok(w.consent, w.nurseKim, "revoke", new RevokeConsent("g-c"));
        assertThat(w.grantState("g-c").revokedBy()).isEqualTo("hospital-a/nurse-kim");
    }

    @Test
    void limitNarrowsScopeAndExpiry() {
        long expires = ledger.time() + 100_000;
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation", "Condition"),
                List.of("r-1", "r-2"), "TREAT", expires));
        ledger.nextBlock(1000);
        FakeLedger.Outcome o = ledger.ok(w.consent, alice, "limit",
                new LimitConsent("g-1", List.of("Condition"), null, expires - 50_000, null));
        ConsentGrant g = w.grantState("g-1");
        assertThat(g.recordTypes()).containsExactly("Condition");
        assertThat(g.recordIds()).containsExactly("r-1", "r-2");
        assertThat(g.expiresAtMillis()).isEqualTo(expires - 50_000);
        assertThat(g.limitedAtMillis()).isEqualTo(ledger.time());
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("ConsentLimited");
        assertThat(o.attached()).isEmpty();
        assertThat(o.purged()).isEmpty();

        ledger.ok(w.consent, alice, "limit", new LimitConsent("g-1", List.of(), List.of("r-2"), null, null));
        assertThat(w.grantState("g-1").recordTypes()).isEmpty();
        assertThat(w.grantState("g-1").recordIds()).containsExactly("r-2");
    }

    @Test
    void limitNeverWidens() {
        long expires = ledger.time() + 100_000;
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"),
                List.of("r-1"), "TREAT", expires));
        assertLimit(new LimitConsent("g-1", List.of("Observation", "Condition"), null, null, null), "GRANT_WIDEN_REFUSED");
        assertLimit(new LimitConsent("g-1", null, List.of("r-1", "r-2"), null, null), "GRANT_WIDEN_REFUSED");
        assertLimit(new LimitConsent("g-1", null, null, expires + 1, null), "GRANT_WIDEN_REFUSED");
        assertLimit(new LimitConsent("g-1", List.of(), List.of(), null, null), "GRANT_SCOPE_INVALID");
        assertLimit(new LimitConsent("g-1", null, null, ledger.time(), null), "GRANT_EXPIRY_INVALID");
        assertLimit(new LimitConsent("g-none", List.of(), null, null, null), "GRANT_UNKNOWN");
        assertThat(ledger.run(w.consent, bob, "limit", new LimitConsent("g-1", List.of(), null, null, null)).code())
                .isEqualTo("NOT_PATIENT");
        assertThat(w.grantState("g-1").limitedAtMillis()).isNull();
    }

    @Test
    void limitMayAddAnExpiryToAnOpenGrant() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null));
        ledger.ok(w.consent, alice, "limit", new LimitConsent("g-1", null, null, ledger.time() + 10, null));
        assertThat(w.grantState("g-1").expiresAtMillis()).isEqualTo(ledger.time() + 10);
    }

    @Test
    void limitCanSwapTheKeyBundleForANarrowerOne() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", null, List.of("r-1", "r-2"), "TREAT", null));
        FakeLedger.Outcome o = ledger.ok(w.consent, alice, "limit",
                new LimitConsent("g-1", null, List.of("r-2"), null, blob("grant-keys/g-1/v2")));
        assertThat(o.attached()).containsExactly(sha("grant-keys/g-1/v2"));
        assertThat(o.purged()).containsExactly(sha("grant-keys/g-1"));
        assertThat(w.grantState("g-1").wrappedKeysSha256()).isEqualTo(blob("grant-keys/g-1/v2"));
        assertLimit(new LimitConsent("g-1", null, null, null, "nothex"), "GRANT_KEYS_INVALID");
        assertLimit(new LimitConsent("g-1", null, null, null, blob("grant-keys/g-1")), "BLOB_CLAIMED");
    }

    @Test
    void revokedOrExpiredGrantsCannotBeLimited() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null));
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-2", "p-alice01", "hospital-b", List.of("Observation"), null,
                "TREAT", ledger.time() + 1000));
        ledger.ok(w.consent, alice, "revoke", new RevokeConsent("g-1"));
        assertLimit(new LimitConsent("g-1", List.of(), List.of("r-1"), null, null), "GRANT_NOT_ACTIVE");
        ledger.nextBlock(1000);
        assertLimit(new LimitConsent("g-2", null, null, null, null), "GRANT_NOT_ACTIVE");
    }

    @Test
    void activeGrantsAreBoundedAndExpiredOnesMakeRoom() {
        for (int i = 0; i < ConsentGrants.MAX_ACTIVE_GRANTS; i++) {
            Long expires = i == 0 ? ledger.time() + 10 : null;
            ledger.ok(w.consent, alice, "grant", w.grantArgs(String.format("g-%03d", i), "p-alice01", "hospital-b",
                    List.of("Observation"), null, "TREAT", expires));
        }
        assertGrant(w.grantArgs("g-new", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null),
                "GRANT_LIMIT_REACHED");
        ledger.nextBlock(10);
        FakeLedger.Outcome o = ledger.ok(w.consent, alice, "grant",
                w.grantArgs("g-new", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null));
        assertThat(o.purged()).as("the expired grant's keys go with it").containsExactly(sha("grant-keys/g-000"));
        assertThat(ledger.has("patient-active-grants/p-alice01/g-000")).isFalse();
        assertThat(ledger.has("grant/g-000")).isTrue();
    }

    @Test
    void erasingARecordRevokesTheGrantsThatCoverOnlyIt() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-only", "p-alice01", "hospital-b", null, List.of("r-1"), "TREAT", null));
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-both", "p-alice01", "hospital-b", null, List.of("r-1", "r-2"), "TREAT", null));
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-type", "p-alice01", "lab-c", List.of("Observation"), null, "TREAT", null));
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-gone", "p-alice01", "lab-c", null, List.of("r-1"), "HRESCH", null));
        ledger.ok(w.consent, alice, "revoke", new RevokeConsent("g-gone"));
        ledger.nextBlock(1000);

        FakeLedger.Outcome o = ledger.ok(w.records, alice, "eraseRecord", new EraseRecord("r-1", null, null));

        assertThat(o.purged()).containsExactly(sha("ct/r-1"), sha("keys/r-1"), sha("grant-keys/g-only"));
        ConsentGrant only = w.grantState("g-only");
        assertThat(only.revokedAtMillis()).isEqualTo(ledger.time());
        assertThat(only.revocationCause()).isEqualTo(ConsentGrant.RECORD_ERASED);
        assertThat(only.revokedBy()).isEqualTo("patient/p-alice01");
        assertThat(w.grantState("g-both").revokedAtMillis()).isNull();
        assertThat(w.grantState("g-type").revokedAtMillis()).isNull();
        assertThat(w.grantState("g-gone").revocationCause()).isEqualTo(ConsentGrant.PATIENT_REVOKED);
        assertThat(o.events().get(0).json()).contains("\"revokedGrantIds\":[\"g-only\"]");
        assertGrant(w.grantArgs("g-late", "p-alice01", "hospital-b", null, List.of("r-1"), "TREAT", null), "GRANT_SCOPE_INVALID");
    }

    @Test
    void erasingARecordAlsoPurgesTheKeysOfGrantsThatHaveExpired() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-exp", "p-alice01", "lab-c", List.of("Observation"), null,
                "TREAT", ledger.time() + 500));
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-live", "p-alice01", "hospital-b", List.of("Observation"),
                null, "TREAT", null));
        ledger.nextBlock(1000);

        FakeLedger.Outcome o = ledger.ok(w.records, alice, "eraseRecord", new EraseRecord("r-1", null, null));

        // the expired grant's bundle held r-1's key re-wrapped for lab-c: it goes with the record
        assertThat(o.purged()).containsExactly(sha("ct/r-1"), sha("keys/r-1"), sha("grant-keys/g-exp"));
        assertThat(ledger.keys(ConsentKeys.activeGrants("p-alice01")))
                .containsExactly(ConsentKeys.activeGrant("p-alice01", "g-live"));
        assertThat(w.grantState("g-exp").revokedAtMillis()).as("expired, not revoked").isNull();
        // a grant still in force keeps its bundle: only the patient's client can rebuild it without r-1's key
        assertThat(w.grantState("g-live").wrappedKeysSha256()).isEqualTo(blob("grant-keys/g-live"));
    }

    @Test
    void unknownMethodsAreRefused() {
        assertThat(ledger.run(w.consent, alice, "extend", new RevokeConsent("g-1")).code()).isEqualTo("METHOD_UNKNOWN");
    }

    private void assertGrant(GrantConsent args, String code) {
        FakeLedger.Outcome o = ledger.run(w.consent, alice, "grant", args);
        assertThat(o.code()).as(String.valueOf(args)).isEqualTo(code);
        assertThat(o.attached()).isEmpty();
    }

    private void assertLimit(LimitConsent args, String code) {
        FakeLedger.Outcome o = ledger.run(w.consent, alice, "limit", args);
        assertThat(o.code()).as(String.valueOf(args)).isEqualTo(code);
        assertThat(o.attached()).isEmpty();
        assertThat(o.purged()).isEmpty();
    }
}
