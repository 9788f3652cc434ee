package org.careledger.contracts.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.records.CareWorld.blob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.Test;

/** The records contract's idempotency key (sourceKey), patient subject check, and reference limits. */
class RecordSourceAndReferencesTest {
    private final CareWorld w = CareWorld.withPatients("p-alice01", "p-bob0001");
    private final FakeLedger ledger = w.ledger;

    private static String key(String s) {
        return CareWorld.sourceKey(s);
    }

    private static WriteRecord sourced(String recordId, String patientId, String source, String subject,
                                       Boolean accept) {
        return CareWorld.observation(recordId, patientId, 10L, null, source, subject, accept);
    }

    @Test
    void aSourceKeyIsRecordedOncePerPatient() {
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-1", "p-alice01", "Observation/o1", null, null));
        assertThat(w.meta("r-1").sourceKey()).isEqualTo(key("Observation/o1"));
        assertThat(ledger.read(RecordKeys.recordSource("p-alice01", key("Observation/o1")), String.class))
                .isEqualTo("r-1");

        FakeLedger.Outcome again = ledger.run(w.records, w.drLee, "writeRecord",
                sourced("r-2", "p-alice01", "Observation/o1", null, null));
        assertThat(again.code()).isEqualTo("RECORD_SOURCE_EXISTS");
        assertThat(again.error().getMessage()).contains("r-1");
        assertThat(again.attached()).isEmpty();
        assertThat(ledger.get(RecordKeys.record("r-2"))).isEmpty();

        // another org writing the same resource for the same patient is refused too; another patient is not
        assertThat(ledger.run(w.records, w.labTech, "writeRecord",
                sourced("r-3", "p-alice01", "Observation/o1", null, null)).code()).isEqualTo("RECORD_SOURCE_EXISTS");
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-4", "p-bob0001", "Observation/o1", null, null));
    }

    @Test
    void anAmendmentContinuesTheSourceAndMovesTheIndex() {
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-1", "p-alice01", "Observation/o1", null, null));
        WriteRecord amend = new WriteRecord("r-2", "p-alice01", "Observation", blob("ct/r-2"), 10L, blob("keys/r-2"),
                "r-1", null, key("Observation/o1"), null, null);
        ledger.ok(w.records, w.drLee, "writeRecord", amend);
        assertThat(w.meta("r-2").sourceKey()).isEqualTo(key("Observation/o1"));
        assertThat(ledger.read(RecordKeys.recordSource("p-alice01", key("Observation/o1")), String.class))
                .isEqualTo("r-2");
        WriteRecord otherKey = new WriteRecord("r-3", "p-alice01", "Observation", blob("ct/r-3"), 10L, blob("keys/r-3"),
                "r-2", null, key("Observation/o2"), null, null);
        assertThat(ledger.run(w.records, w.drLee, "writeRecord", otherKey).code()).isEqualTo("RECORD_SOURCE_KEY_INVALID");
    }

    @Test
    void erasedRecordsKeepTheirSourceKey() {
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-1", "p-alice01", "Observation/o1", null, null));
        ledger.ok(w.records, ledger.identity("patient/p-alice01"), "eraseRecord", new EraseRecord("r-1", null, null));
        FakeLedger.Outcome again = ledger.run(w.records, w.drLee, "writeRecord",
                sourced("r-2", "p-alice01", "Observation/o1", null, null));
        assertThat(again.code()).isEqualTo("RECORD_SOURCE_EXISTS");
        assertThat(again.error().getMessage()).contains("r-1 (erased)");
    }

    @Test
    void recordsWithoutASourceKeyEncodeAsBefore() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        String json = new String(ledger.get(RecordKeys.record("r-1")).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("sourceKey");
    }

    @Test
    void aSecondSourcePatientIsRefusedUnlessAccepted() {
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-1", "p-alice01", "a", "Patient/alice", null));
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-2", "p-alice01", "b", "Patient/alice", null));
        FakeLedger.Outcome foreign = ledger.run(w.records, w.drLee, "writeRecord",
                sourced("r-3", "p-alice01", "c", "Patient/mallory", null));
        assertThat(foreign.code()).isEqualTo("RECORD_SUBJECT_MISMATCH");
        assertThat(ledger.get(RecordKeys.recordSource("p-alice01", key("c")))).isEmpty();

        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-3", "p-alice01", "c", "Patient/mallory", true));
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-4", "p-alice01", "d", "Patient/mallory", null));
        assertThat(List.of(CanonicalJson.decode(ledger.get(RecordKeys.patientSubjects("p-alice01")).orElseThrow(),
                String[].class))).containsExactlyInAnyOrder(key("Patient/alice"), key("Patient/mallory"));
        // another patient's subjects are its own
        ledger.ok(w.records, w.drLee, "writeRecord", sourced("r-5", "p-bob0001", "a", "Patient/mallory", null));
    }

    @Test
    void referencesBeyondOneTransactionAreAddedNeverDropped() {
        List<String> targets = new ArrayList<>();
        IntStream.range(0, 1500).forEach(i -> targets.add(w.record(w.drLee, "r-t" + i, "p-alice01", "Observation")));
        WriteRecord tooMany = new WriteRecord("r-prov", "p-alice01", "Provenance", blob("ct/r-prov"), 10L,
                blob("keys/r-prov"), null, targets);
        FakeLedger.Outcome refused = ledger.run(w.records, w.drLee, "writeRecord", tooMany);
        assertThat(refused.code()).isEqualTo("RECORD_REFERENCE_LIMIT");
        assertThat(refused.error().getMessage()).contains("addReferences");

        ledger.ok(w.records, w.drLee, "writeRecord", new WriteRecord("r-prov", "p-alice01", "Provenance",
                blob("ct/r-prov"), 10L, blob("keys/r-prov"), null, targets.subList(0, 1000)));
        FakeLedger.Outcome added = ledger.ok(w.records, w.drLee, "addReferences",
                new AddReferences("r-prov", targets.subList(900, 1500)));
        assertThat(w.meta("r-prov").references()).hasSize(1500).containsAll(targets);
        assertThat(added.events()).singleElement().satisfies(e -> assertThat(e.json()).contains("\"added\":500"));
    }

    @Test
    void addReferencesIsTheAuthorOrgsAndChecksEveryTarget() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        w.record(w.drLee, "r-2", "p-alice01", "Observation");
        w.record(w.drLee, "r-b", "p-bob0001", "Observation");
        assertThat(ledger.run(w.records, w.labTech, "addReferences", new AddReferences("r-1", List.of("r-2"))).code())
                .isEqualTo("NOT_AUTHORIZED_TO_WRITE");
        assertThat(ledger.run(w.records, w.drLee, "addReferences", new AddReferences("r-1", List.of("r-b"))).code())
                .isEqualTo("RECORD_REFERENCE_INVALID");
        assertThat(ledger.run(w.records, w.drLee, "addReferences", new AddReferences("r-x", List.of("r-2"))).code())
                .isEqualTo("RECORD_UNKNOWN");
        ledger.ok(w.records, w.nurseKim, "addReferences", new AddReferences("r-1", List.of("r-2")));
        assertThat(w.meta("r-1").references()).containsExactly("r-2");
    }
}
