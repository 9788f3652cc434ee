package org.careledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.contract.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code access.readSet}: one transaction, each record decided and accounted as a single read would be. */
class AccessSetTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;
    private Identity alice;

    @BeforeEach
    void world() {
        alice = w.patient("p-alice01");
        w.patient("p-bob0001");
        w.record(w.drLee, "r-obs", "p-alice01", "Observation");
        w.record(w.drLee, "r-cond", "p-alice01", "Condition");
        w.record(w.drNg, "r-b-own", "p-alice01", "Condition");
        w.record(w.drLee, "r-bob", "p-bob0001", "Observation");
        ledger.nextBlock(1000);
    }

    @Test
    void eachRecordIsDecidedLikeASingleReadInOneTransaction() {
        ledger.ok(w.consent, alice, "grant", w.grantArgs("g-1", "p-alice01", "hospital-b", List.of("Observation"),
                null, "TREAT", null));
        FakeLedger.Outcome o = readSet(w.drNg, "s-1", "p-alice01", List.of("r-obs", "r-cond", "r-b-own"), "TREAT");

        assertThat(o.ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(List.of(w.disclosure("s-1.0"), w.disclosure("s-1.1"), w.disclosure("s-1.2")))
                .extracting(Disclosure::recordId, Disclosure::decision, Disclosure::grantId, Disclosure::denialReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-obs", "GRANT", "g-1", null),
                        org.assertj.core.groups.Tuple.tuple("r-cond", "DENIED", null, "NO_CONSENT"),
                        org.assertj.core.groups.Tuple.tuple("r-b-own", "OWN_ORG", null, null));
        assertThat(List.of(w.disclosure("s-1.0"), w.disclosure("s-1.1"), w.disclosure("s-1.2")))
                .extracting(Disclosure::txId).containsOnly(o.txId().hex());
        assertThat(o.events()).extracting(FakeLedger.Event::type)
                .containsExactly("AccessGranted", "AccessDenied", "AccessGranted");
        // the patient's accounting shows every record of the set
        assertThat(ledger.keys("patient-disclosures/p-alice01/")).hasSize(3);
        AccessSet set = ledger.read("access-set/s-1", AccessSet.class);
        assertThat(set).isEqualTo(new AccessSet("s-1", o.txId().hex(), "p-alice01", "hospital-b/dr-ng", "hospital-b",
                "TREAT", List.of("s-1.0", "s-1.1", "s-1.2"), 2, ledger.time(), ledger.height()));
    }

    @Test
    void aSetReadNeverBreaksTheGlass() {
        readSet(w.erDocB, "s-1", "p-alice01", List.of("r-obs"), "ETREAT");
        assertThat(w.disclosure("s-1.0").decision()).isEqualTo("DENIED");
        assertThat(w.disclosure("s-1.0").breakGlass()).isFalse();
        assertThat(ledger.keys("review/")).isEmpty();
    }

    @Test
    void erasedRecordsAndNonMembersAreDeniedAsInASingleRead() {
        ledger.ok(w.records, alice, "eraseRecord", new EraseRecord("r-cond", null, null));
        readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs", "r-cond"), "TREAT");
        assertThat(w.disclosure("s-1.0").decision()).isEqualTo("OWN_ORG");
        assertThat(w.disclosure("s-1.1").denialReason()).isEqualTo("RECORD_ERASED");
        readSet(w.adminA, "s-2", "p-alice01", List.of("r-obs"), "TREAT");
        assertThat(w.disclosure("s-2.0").denialReason()).isEqualTo("SIGNER_NOT_MEMBER");
    }

    @Test
    void malformedSetsFailWholeAndRecordNothing() {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= AccessContract.MAX_SET_SIZE; i++) {
            tooMany.add("r-" + i);
        }
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", tooMany, "TREAT"), "ACCESS_SET_TOO_LARGE");
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", List.of(), "TREAT"), "ACCESS_SET_EMPTY");
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", null, "TREAT"), "ACCESS_SET_EMPTY");
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs", "r-obs"), "TREAT"),
                "ACCESS_SET_DUPLICATE");
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs", "r-none"), "TREAT"),
                "ACCESS_RECORD_UNKNOWN");
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs", "r-bob"), "TREAT"),
                "ACCESS_SET_PATIENT_MISMATCH");
        assertMalformed(readSet(w.drLee, "s-1", "Alice", List.of("r-obs"), "TREAT"), "ACCESS_SET_PATIENT_MISMATCH");
        assertMalformed(readSet(w.drLee, "s/1", "p-alice01", List.of("r-obs"), "TREAT"), "ACCESS_ID_INVALID");
        assertMalformed(readSet(w.drLee, "s" + "x".repeat(AccessContract.MAX_SET_ACCESS_ID_LENGTH), "p-alice01",
                List.of("r-obs"), "TREAT"), "ACCESS_ID_INVALID");
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs"), "treat"), "PURPOSE_INVALID");
        assertThat(ledger.keys("access/")).isEmpty();
        assertThat(ledger.keys("access-set/")).isEmpty();
        assertThat(ledger.keys("patient-disclosures/")).isEmpty();

        assertThat(readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs"), "TREAT").ok()).isTrue();
        assertMalformed(readSet(w.drLee, "s-1", "p-alice01", List.of("r-obs"), "TREAT"), "ACCESS_EXISTS");
        w.read(w.drLee, "s-2.0", "r-obs", "TREAT", null);
        assertMalformed(readSet(w.drLee, "s-2", "p-alice01", List.of("r-obs"), "TREAT"), "ACCESS_EXISTS");
    }

    @Test
    void theBoundItselfIsAccepted() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < AccessContract.MAX_SET_SIZE; i++) {
            ids.add(w.record(w.drLee, "r-many-" + i, "p-alice01", "Observation"));
        }
        ledger.nextBlock(1000);
        FakeLedger.Outcome o = readSet(w.drLee, "s-1", "p-alice01", ids, "TREAT");
        assertThat(o.ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(ledger.read("access-set/s-1", AccessSet.class).granted()).isEqualTo(AccessContract.MAX_SET_SIZE);
    }

    private FakeLedger.Outcome readSet(Identity reader, String accessId, String patientId, List<String> ids,
                                       String purpose) {
        return ledger.run(w.access, reader, "readSet", new ReadSet(accessId, patientId, ids, purpose));
    }

    private static void assertMalformed(FakeLedger.Outcome o, String code) {
        assertThat(o.code()).isEqualTo(code);
        assertThat(o.events()).isEmpty();
    }
}
