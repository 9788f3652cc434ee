package org.careledger.contracts.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.records.CareWorld.blob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.careledger.core.Hash;
import org.junit.jupiter.api.Test;

/** {@code records.writeRecords}: many records in one transaction, each written and checked as writeRecord would. */
class WriteRecordsTest {
    private final CareWorld w = CareWorld.withPatients("p-alice01", "p-bob0001");
    private final FakeLedger ledger = w.ledger;

    private static String key(String s) {
        return CareWorld.sourceKey(s);
    }

    private static WriteRecord rec(String id, String patient, List<String> refs, String source, String subject) {
        return CareWorld.observation(id, patient, 100L, refs, source, subject, null);
    }

    private static WriteRecords batch(WriteRecord... records) {
        return new WriteRecords(List.of(records));
    }

    @Test
    void aBatchWritesEveryRecordAsWriteRecordWould() {
        w.record(w.drLee, "r-0", "p-alice01", "Patient");
        FakeLedger.Outcome o = ledger.ok(w.records, w.drLee, "writeRecords", batch(
                rec("r-1", "p-alice01", List.of("r-0"), "Observation/o1", "Patient/alice"),
                rec("r-2", "p-alice01", List.of("r-0", "r-1"), "Observation/o2", "Patient/alice"),
                rec("r-3", "p-alice01", null, null, null)));
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("RecordWritten", "RecordWritten",
                "RecordWritten");
        assertThat(o.attached()).hasSize(6);
        assertThat(w.meta("r-2").references()).containsExactly("r-0", "r-1"); // a record of the same batch
        assertThat(w.meta("r-1").sourceKey()).isEqualTo(key("Observation/o1"));
        assertThat(ledger.read(RecordKeys.recordSource("p-alice01", key("Observation/o2")), String.class))
                .isEqualTo("r-2");
        assertThat(ledger.has(RecordKeys.patientRecord("p-alice01", "r-3"))).isTrue();
        assertThat(w.meta("r-3").authorOrg()).isEqualTo("hospital-a");
        assertThat(ledger.has(RecordKeys.blobClaim(Hash.fromHex(blob("keys/r-3"))))).isTrue();
        // each record is its own: erasing one leaves the others
        ledger.ok(w.records, ledger.identity("patient/p-alice01"), "eraseRecord", new EraseRecord("r-2", null, null));
        assertThat(w.meta("r-2").erased()).isTrue();
        assertThat(w.meta("r-1").erased()).isFalse();
    }

    @Test
    void oneRefusedRecordRefusesTheBatchAndIsNamed() {
        ledger.ok(w.records, w.drLee, "writeRecord", rec("r-1", "p-alice01", null, "Observation/o1", null));
        FakeLedger.Outcome o = ledger.run(w.records, w.drLee, "writeRecords", batch(
                rec("r-2", "p-alice01", null, "Observation/o2", null),
                rec("r-3", "p-alice01", null, "Observation/o1", null),
                rec("r-4", "p-alice01", null, "Observation/o4", null)));
        assertThat(o.code()).isEqualTo("RECORD_SOURCE_EXISTS");
        assertThat(o.error().getMessage()).startsWith("records[1] (record r-3): ").contains("is already record r-1");
        assertThat(o.attached()).isEmpty();
        assertThat(ledger.has(RecordKeys.record("r-2"))).isFalse();
        assertThat(ledger.has(RecordKeys.recordSource("p-alice01", key("Observation/o2")))).isFalse();
    }

    @Test
    void everyPerRecordCheckHolds() {
        w.record(w.drLee, "r-bob", "p-bob0001", "Observation");
        record Case(WriteRecord bad, String code) {}
        List<Case> cases = List.of(
                new Case(rec("r-x", "p-nobody1", null, null, null), "PATIENT_UNKNOWN"),
                new Case(rec("r-x", "p-alice01", List.of("r-bob"), null, null), "RECORD_REFERENCE_INVALID"),
                new Case(rec("r-x", "p-alice01", List.of("r-none"), null, null), "RECORD_REFERENCE_INVALID"),
                new Case(new WriteRecord("r-x", "p-alice01", "Observation", blob("same"), 1L, blob("same"), null, null),
                        "RECORD_HASH_INVALID"),
                new Case(new WriteRecord("r-x", "p-alice01", "Observation", blob("c"), 0L, blob("k"), null, null),
                        "RECORD_SIZE_INVALID"),
                new Case(new WriteRecord("r-x", "p-alice01", "not a type", blob("c"), 1L, blob("k"), null, null),
                        "RECORD_TYPE_INVALID"),
                new Case(rec("r-bob", "p-alice01", null, null, null), "RECORD_EXISTS"),
                new Case(new WriteRecord("r-x", "p-alice01", "Observation", blob("ct/r-bob"), 1L, blob("k2"), null,
                        null), "BLOB_CLAIMED"),
                new Case(rec("r-x", "p-alice01", null, null, "Patient/mallory"), "RECORD_SUBJECT_MISMATCH"));
        ledger.ok(w.records, w.drLee, "writeRecord", rec("r-s", "p-alice01", null, null, "Patient/alice"));
        for (Case c : cases) {
            FakeLedger.Outcome o = ledger.run(w.records, w.drLee, "writeRecords",
                    batch(rec("r-ok", "p-alice01", null, null, null), c.bad()));
            assertThat(o.code()).as(c.code()).isEqualTo(c.code());
            assertThat(o.error().getMessage()).as(c.code()).startsWith("records[1] (record " + c.bad().recordId() + ")");
            assertThat(ledger.has(RecordKeys.record("r-ok"))).isFalse();
        }
    }

    @Test
    void onlyWritersWriteBatches() {
        FakeLedger.Outcome o = ledger.run(w.records, w.clerkA, "writeRecords",
                batch(rec("r-1", "p-alice01", null, null, null)));
        assertThat(o.code()).isEqualTo("NOT_AUTHORIZED_TO_WRITE");
        assertThat(ledger.run(w.records, w.pharmacist, "writeRecords",
                batch(rec("r-1", "p-alice01", null, null, null))).code()).isEqualTo("NOT_AUTHORIZED_TO_WRITE");
    }

    @Test
    void theBatchIsBounded() {
        assertThat(ledger.run(w.records, w.drLee, "writeRecords", new WriteRecords(List.of())).code())
                .isEqualTo("RECORD_BATCH_INVALID");
        assertThat(ledger.run(w.records, w.drLee, "writeRecords", new WriteRecords(null)).code())
                .isEqualTo("RECORD_BATCH_INVALID");
        List<WriteRecord> many = IntStream.range(0, RecordsContract.MAX_BATCH_RECORDS + 1)
                .mapToObj(i -> rec("r-" + i, "p-alice01", null, null, null)).toList();
        FakeLedger.Outcome tooMany = ledger.run(w.records, w.drLee, "writeRecords", new WriteRecords(many));
        assertThat(tooMany.code()).isEqualTo("RECORD_BATCH_TOO_LARGE");
        assertThat(tooMany.error().getMessage()).contains(String.valueOf(RecordsContract.MAX_BATCH_RECORDS));
        ledger.ok(w.records, w.drLee, "writeRecords", new WriteRecords(many.subList(0, RecordsContract.MAX_BATCH_RECORDS)));

        long half = RecordsContract.MAX_BATCH_BYTES / 2 + 1;
        FakeLedger.Outcome tooBig = ledger.run(w.records, w.drLee, "writeRecords", batch(
                new WriteRecord("r-big1", "p-alice01", "Media", blob("b1"), half, blob("kb1"), null, null),
                new WriteRecord("r-big2", "p-alice01", "Media", blob("b2"), half, blob("kb2"), null, null)));
        assertThat(tooBig.code()).isEqualTo("RECORD_BATCH_TOO_LARGE");
        assertThat(tooBig.error().getMessage()).contains("bytes");

        List<String> targets = new ArrayList<>();
        IntStream.range(0, 600).forEach(i -> targets.add("r-" + i));
        FakeLedger.Outcome refs = ledger.run(w.records, w.drLee, "writeRecords", batch(
                rec("r-a", "p-alice01", targets, null, null), rec("r-b", "p-alice01", targets, null, null)));
        assertThat(refs.code()).isEqualTo("RECORD_REFERENCE_LIMIT");
        assertThat(refs.error().getMessage()).contains("1200");
    }

    @Test
    void sameBatchSameStateAndEvents() {
        byte[][] runs = new byte[2][];
        for (int k = 0; k < 2; k++) {
            CareWorld world = new CareWorld();
            world.patient("p-alice01");
            world.record(world.drLee, "r-0", "p-alice01", "Patient");
            world.ledger.ok(world.records, world.drLee, "writeRecords", batch(
                    rec("r-2", "p-alice01", List.of("r-0"), "b", "Patient/alice"),
                    rec("r-1", "p-alice01", List.of("r-2", "r-0"), "a", "Patient/alice")));
            world.ledger.run(world.records, world.drLee, "writeRecords", batch(
                    rec("r-3", "p-alice01", null, "c", null), rec("r-4", "p-alice01", null, "a", null)));
            runs[k] = world.ledger.snapshot();
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
        assertThat(new String(runs[0], StandardCharsets.UTF_8)).contains("records[1] (record r-4)");
    }
}
