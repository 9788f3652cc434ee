package org.careledger.contracts.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.records.CareWorld.blob;
import static org.careledger.contracts.records.CareWorld.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordsContractTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;
    private Identity patient;
    private Identity other;

    @BeforeEach
    void patients() {
        patient = w.patient("p-alice01");
        other = w.patient("p-bob0001");
    }

    @Test
    void aPractitionerWritesARecordAsHashesOnly() {
        FakeLedger.Outcome o = ledger.ok(w.records, w.drLee, "writeRecord", w.recordArgs("r-1", "p-alice01", "Observation"));

        RecordMeta meta = w.meta("r-1");
        assertThat(meta).isEqualTo(new RecordMeta("r-1", "p-alice01", "Observation", "hospital-a/dr-lee", "hospital-a",
                blob("ct/r-1"), 1234, blob("keys/r-1"), 1, null, null, true, List.of(), ledger.time(), false, null,
                null, null, null));
        assertThat(ledger.keys("patient-records/p-alice01/")).containsExactly("patient-records/p-alice01/r-1");
        assertThat(o.attached()).containsExactly(sha("ct/r-1"), sha("keys/r-1"));
        assertThat(ledger.read("blob-claim/" + blob("ct/r-1"), BlobClaim.class).owner()).isEqualTo("record/r-1");
        assertThat(o.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("RecordWritten");
            JsonNode data = CanonicalJson.tree(e.json().getBytes(StandardCharsets.UTF_8));
            List<String> fields = new ArrayList<>();
            data.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("authorId", "authorOrg", "ciphertextSha256", "keysSha256",
                    "patientId", "previousRecordId", "recordId", "recordType", "version");
        });
    }

    @Test
    void nursesAndLabTechsWriteToo() {
        w.record(w.nurseKim, "r-n", "p-alice01", "Observation");
        w.record(w.labTech, "r-l", "p-alice01", "DiagnosticReport");
        w.record(w.drPark, "r-p", "p-alice01", "Encounter");
        assertThat(w.meta("r-l").authorOrg()).isEqualTo("lab-c");
    }

    @Test
    void onlyCareRolesOfProviderOrgsWrite() {
        for (Identity signer : List.of(w.clerkA, w.auditorA, w.adminA, w.pharmacist, patient)) {
            assertThat(ledger.run(w.records, signer, "writeRecord", w.recordArgs("r-x", "p-alice01", "Observation")).code())
                    .as(signer.id()).isEqualTo("NOT_AUTHORIZED_TO_WRITE");
        }
        assertThat(ledger.has("record/r-x")).isFalse();
    }

    @Test
    void malformedWritesAreRefused() {
        WriteRecord good = w.recordArgs("r-1", "p-alice01", "Observation");
        assertCode(with(good, "recordId", "r/1"), "RECORD_ID_INVALID");
        assertCode(with(good, "recordId", null), "RECORD_ID_INVALID");
        assertCode(with(good, "patientId", "p-nobody1"), "PATIENT_UNKNOWN");
        assertCode(with(good, "recordType", "observation"), "RECORD_TYPE_INVALID");
        assertCode(with(good, "recordType", null), "RECORD_TYPE_INVALID");
        assertCode(with(good, "ciphertextSha256", blob("x").toUpperCase()), "RECORD_HASH_INVALID");
        assertCode(with(good, "keysSha256", "abc"), "RECORD_HASH_INVALID");
        assertCode(with(good, "keysSha256", good.ciphertextSha256()), "RECORD_HASH_INVALID");
        for (Long size : new Long[] {null, 0L, -5L}) {
            WriteRecord args = new WriteRecord("r-1", "p-alice01", "Observation", good.ciphertextSha256(), size,
                    good.keysSha256(), null, null);
            assertCode(args, "RECORD_SIZE_INVALID");
        }
        assertThat(ledger.keys("record/")).isEmpty();
    }

    @Test
    void recordIdsAndBlobsAreNeverReused() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        assertCode(w.recordArgs("r-1", "p-bob0001", "Observation"), "RECORD_EXISTS");
        WriteRecord stolenBlob = new WriteRecord("r-2", "p-bob0001", "Observation", blob("ct/r-1"), 10L,
                blob("keys/r-2"), null, null);
        FakeLedger.Outcome o = ledger.run(w.records, w.drNg, "writeRecord", stolenBlob);
        assertThat(o.code()).isEqualTo("BLOB_CLAIMED");
        assertThat(o.attached()).isEmpty();
    }

    @Test
    void amendmentsFormAChainAndMoveLatest() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        ledger.ok(w.records, w.nurseKim, "writeRecord", amend("r-2", "r-1"));
        ledger.ok(w.records, w.drLee, "writeRecord", amend("r-3", "r-2"));

        assertThat(List.of(w.meta("r-1"), w.meta("r-2"), w.meta("r-3")))
                .extracting(RecordMeta::version, RecordMeta::previousRecordId, RecordMeta::supersededBy, RecordMeta::latest)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, null, "r-2", false),
                        org.assertj.core.groups.Tuple.tuple(2L, "r-1", "r-3", false),
                        org.assertj.core.groups.Tuple.tuple(3L, "r-2", null, true));
        assertThat(ledger.run(w.records, w.drLee, "writeRecord", amend("r-4", "r-1")).code())
                .as("only the latest version is amended").isEqualTo("RECORD_AMEND_INVALID");
    }

    @Test
    void invalidAmendmentsAreRefused() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        w.record(w.drLee, "r-bob", "p-bob0001", "Observation");
        assertThat(ledger.run(w.records, w.drLee, "writeRecord", amend("r-2", "r-missing")).code()).isEqualTo("RECORD_AMEND_INVALID");
        assertThat(ledger.run(w.records, w.drLee, "writeRecord", amend("r-2", "r-bob")).code())
                .as("another patient's record").isEqualTo("RECORD_AMEND_INVALID");
        WriteRecord otherType = new WriteRecord("r-2", "p-alice01", "Condition", blob("ct/r-2"), 5L, blob("keys/r-2"), "r-1", null);
        assertThat(ledger.run(w.records, w.drLee, "writeRecord", otherType).code()).isEqualTo("RECORD_AMEND_INVALID");
        assertThat(ledger.run(w.records, w.drNg, "writeRecord", amend("r-2", "r-1")).code())
                .as("another org's record").isEqualTo("RECORD_AMEND_INVALID");
        ledger.ok(w.records, patient, "eraseRecord", new EraseRecord("r-1", null, null));
        assertThat(ledger.run(w.records, w.drLee, "writeRecord", amend("r-2", "r-1")).code())
                .as("an erased record").isEqualTo("RECORD_AMEND_INVALID");
    }

    @Test
    void referencesPointAtTheSamePatientsLiveRecords() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        w.record(w.drLee, "r-bob", "p-bob0001", "Observation");
        WriteRecord ok = new WriteRecord("r-2", "p-alice01", "DiagnosticReport", blob("ct/r-2"), 5L, blob("keys/r-2"),
                null, List.of("r-1", "r-1"));
        ledger.ok(w.records, w.drLee, "writeRecord", ok);
        assertThat(w.meta("r-2").references()).containsExactly("r-1");
        for (String ref : List.of("r-bob", "r-none", "r-3")) {
            WriteRecord bad = new WriteRecord("r-3", "p-alice01", "DiagnosticReport", blob("ct/r-3"), 5L,
                    blob("keys/r-3"), null, List.of(ref));
            assertThat(ledger.run(w.records, w.drLee, "writeRecord", bad).code()).as(ref).isEqualTo("RECORD_REFERENCE_INVALID");
        }
    }

    @Test
    void thePatientErasesLeavingATombstoneAndPurgingBlobs() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        ledger.nextBlock(1000);
        FakeLedger.Outcome o = ledger.ok(w.records, patient, "eraseRecord", new EraseRecord("r-1", "no longer relevant", null));

        RecordMeta meta = w.meta("r-1");
        assertThat(meta.erased()).isTrue();
        assertThat(meta.erasedAtMillis()).isEqualTo(ledger.time());
        assertThat(meta.erasedBy()).isEqualTo("patient/p-alice01");
        assertThat(meta.erasureReason()).isEqualTo("no longer relevant");
        assertThat(meta.ciphertextSha256()).isEqualTo(blob("ct/r-1"));
        assertThat(meta.keysSha256()).isEqualTo(blob("keys/r-1"));
        assertThat(o.purged()).containsExactly(sha("ct/r-1"), sha("keys/r-1"));
        assertThat(o.attached()).isEmpty();
        assertThat(ledger.read("blob-claim/" + blob("ct/r-1"), BlobClaim.class).purgedAtMillis()).isEqualTo(ledger.time());
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("RecordErased");
        assertThat(ledger.has("patient-records/p-alice01/r-1")).as("the index keeps the tombstone").isTrue();

        assertThat(ledger.run(w.records, patient, "eraseRecord", new EraseRecord("r-1", null, null)).code())
                .isEqualTo("RECORD_ALREADY_ERASED");
    }

    @Test
    void erasedBytesCanNeverBeAttachedAgain() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        ledger.ok(w.records, patient, "eraseRecord", new EraseRecord("r-1", null, null));
        WriteRecord again = new WriteRecord("r-1b", "p-alice01", "Observation", blob("ct/r-1"), 1234L, blob("keys/r-1b"),
                null, null);
        FakeLedger.Outcome o = ledger.run(w.records, w.drLee, "writeRecord", again);
        assertThat(o.code()).isEqualTo("BLOB_CLAIMED");
        assertThat(o.attached()).isEmpty();
        FakeLedger.Outcome grant = ledger.run(w.consent, patient, "grant", new org.careledger.contracts.consent.GrantConsent(
                "g-1", "p-alice01", "hospital-b", List.of("Observation"), null, "TREAT", null, blob("keys/r-1")));
        assertThat(grant.code()).isEqualTo("BLOB_CLAIMED");
        assertThat(grant.attached()).isEmpty();
    }

    @Test
    void guardiansAndTheAuthorOrgsAdminWithARequestMayErase() {
        w.patient("p-child01", "hospital-a/nurse-kim");
        w.record(w.drLee, "r-1", "p-child01", "Observation");
        w.record(w.drLee, "r-2", "p-child01", "Observation");
        ledger.ok(w.records, w.nurseKim, "eraseRecord", new EraseRecord("r-1", null, null));
        assertThat(w.meta("r-1").erasedBy()).isEqualTo("hospital-a/nurse-kim");

        assertThat(ledger.run(w.records, w.adminA, "eraseRecord", new EraseRecord("r-2", null, null)).code())
                .as("an admin needs the patient's verified request").isEqualTo("NOT_AUTHORIZED_TO_ERASE");
        assertThat(ledger.run(w.records, w.adminA, "eraseRecord", new EraseRecord("r-2", null, "bad ref!")).code())
                .isEqualTo("ERASE_REQUEST_REF_INVALID");
        assertThat(ledger.run(w.records, w.adminB, "eraseRecord", new EraseRecord("r-2", null, "req-7")).code())
                .as("another org's admin").isEqualTo("NOT_AUTHORIZED_TO_ERASE");
        ledger.ok(w.records, w.adminA, "eraseRecord", new EraseRecord("r-2", "GDPR art. 17", "dsr:2024/0042"));
        assertThat(w.meta("r-2").erasureRequestRef()).isEqualTo("dsr:2024/0042");
        assertThat(w.meta("r-2").erasedBy()).isEqualTo("hospital-a/admin");
    }

    @Test
    void othersMayNotErase() {
        w.record(w.drLee, "r-1", "p-alice01", "Observation");
        for (Identity signer : List.of(w.drLee, w.nurseKim, other, w.auditorA)) {
            assertThat(ledger.run(w.records, signer, "eraseRecord", new EraseRecord("r-1", null, null)).code())
                    .as(signer.id()).isEqualTo("NOT_AUTHORIZED_TO_ERASE");
        }
        assertThat(ledger.run(w.records, patient, "eraseRecord", new EraseRecord("r-none", null, null)).code())
                .isEqualTo("RECORD_UNKNOWN");
        assertThat(ledger.run(w.records, patient, "eraseRecord", new EraseRecord("r-1", "x".repeat(257), null)).code())
                .isEqualTo("ERASE_REASON_INVALID");
        assertThat(ledger.run(w.records, patient, "eraseRecord", new EraseRecord("r-1", "two\nlines", null)).code())
                .isEqualTo("ERASE_REASON_INVALID");
        assertThat(w.meta("r-1").erased()).isFalse();
    }

    @Test
    void unknownMethodsAreRefused() {
        assertThat(ledger.run(w.records, w.drLee, "readRecord", new EraseRecord("r-1", null, null)).code())
                .isEqualTo("METHOD_UNKNOWN");
    }

    private WriteRecord amend(String recordId, String previous) {
        return new WriteRecord(recordId, "p-alice01", "Observation", blob("ct/" + recordId), 99L, blob("keys/" + recordId),
                previous, null);
    }

    private void assertCode(WriteRecord args, String code) {
        FakeLedger.Outcome o = ledger.run(w.records, w.drLee, "writeRecord", args);
        assertThat(o.code()).as(String.valueOf(args)).isEqualTo(code);
        assertThat(o.attached()).isEmpty();
    }

    private static WriteRecord with(WriteRecord r, String field, String value) {
        return new WriteRecord(
                field.equals("recordId") ? value : r.recordId(),
                field.equals("patientId") ? value : r.patientId(),
                field.equals("recordType") ? value : r.recordType(),
                field.equals("ciphertextSha256") ? value : r.ciphertextSha256(),
                r.ciphertextSize(),
                field.equals("keysSha256") ? value : r.keysSha256(),
                r.previousRecordId(), r.references());
    }
}
