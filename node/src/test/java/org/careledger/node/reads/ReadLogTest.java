package org.careledger.node.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class ReadLogTest {
    private static final String P1 = "p-7f3a9c01";
    private static final String P2 = "p-b2c4d6e8";
    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private ReadLog open() {
        return ReadLog.open(tmp.resolve("reads"), false, FIXED);
    }

    /** Six entries: seq 0,2,4 for P1 and 1,3,5 for P2. */
    private List<ReadEntry> six(ReadLog log) {
        List<ReadEntry> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String patient = i % 2 == 0 ? P1 : P2;
            ReadKind kind = ReadKind.values()[i % ReadKind.values().length];
            out.add(log.append("hospital-a/dr-lee", "hospital-a", patient, kind, i == 3 ? "" : "rec-" + i, 10 + i));
        }
        return out;
    }

    @Test
    void appendAndForPatientRoundTrip() {
        try (ReadLog log = open()) {
            assertThat(log.head()).isEmpty();
            assertThat(log.forPatient(P1, 0, 10)).isEmpty();
            List<ReadEntry> all = six(log);
            ReadEntry e0 = all.get(0);
            assertThat(e0.seq()).isZero();
            assertThat(e0.atMillis()).isEqualTo(1_700_000_000_000L);
            assertThat(e0.caller()).isEqualTo("hospital-a/dr-lee");
            assertThat(e0.callerOrg()).isEqualTo("hospital-a");
            assertThat(e0.patientId()).isEqualTo(P1);
            assertThat(e0.kind()).isEqualTo(ReadKind.RECORD_LIST);
            assertThat(e0.subject()).isEqualTo("rec-0");
            assertThat(e0.height()).isEqualTo(10);

            assertThat(log.forPatient(P1, 0, 10)).containsExactly(all.get(0), all.get(2), all.get(4));
            assertThat(log.forPatient(P2, 0, 10)).containsExactly(all.get(1), all.get(3), all.get(5));
            assertThat(log.forPatient(P2, 2, 10)).containsExactly(all.get(3), all.get(5));
            assertThat(log.forPatient(P1, 1, 1)).containsExactly(all.get(2));
            assertThat(log.forPatient(P1, 5, 10)).isEmpty();
            assertThat(log.forPatient(P1, 0, 0)).isEmpty();
            // a patient whose id is a prefix of another's does not see the other's reads
            assertThat(log.forPatient("p-7f3a9c", 0, 10)).isEmpty();
            assertThat(all.get(3).subject()).isEmpty();
            assertThat(log.head()).contains(all.get(5));
        }
    }

    @Test
    void canonicalBytesAreTheDocumentedJsonAndTheHashIsTheirSha256() throws Exception {
        try (ReadLog log = open()) {
            ReadEntry e = log.append("patient/" + P1, "patient", P1, ReadKind.DISCLOSURES, "", 12);
            String expected = "{\"atMillis\":1700000000000,\"caller\":\"patient/p-7f3a9c01\",\"callerOrg\":\"patient\","
                    + "\"height\":12,\"kind\":\"DISCLOSURES\",\"patientId\":\"p-7f3a9c01\",\"prevHash\":\""
                    + "0".repeat(64) + "\",\"seq\":0,\"subject\":\"\"}";
            assertThat(new String(e.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(expected.getBytes(StandardCharsets.UTF_8)));
            assertThat(e.hash()).isEqualTo(sha);
            assertThat(new String(e.storedBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(expected.replace("\"height\"", "\"hash\":\"" + sha + "\",\"height\""));
        }
    }

    @Test
    void entriesChainEachToThePreviousHash() {
        try (ReadLog log = open()) {
            List<ReadEntry> all = six(log);
            assertThat(all.get(0).prevHash()).isEqualTo(ReadEntry.ZERO_HASH);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).seq()).isEqualTo(i);
                assertThat(all.get(i).hash()).isEqualTo(all.get(i).computeHash());
                if (i > 0) {
                    assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
                }
            }
            assertThat(all.stream().map(ReadEntry::hash).distinct()).hasSize(6);
        }
    }

    @Test
    void reopeningContinuesTheChain() {
        ReadEntry last;
        try (ReadLog log = open()) {
            last = six(log).get(5);
        }
        try (ReadLog log = open()) {
            assertThat(log.head()).contains(last);
            ReadEntry next = log.append("hospital-b/admin", "hospital-b", P1, ReadKind.CONSENTS, "hospital-a", 20);
            assertThat(next.seq()).isEqualTo(6);
            assertThat(next.prevHash()).isEqualTo(last.hash());
            assertThat(log.forPatient(P1, 0, 10)).hasSize(4).last().isEqualTo(next);
        }
        ReadLogReport r = ReadLog.verify(tmp.resolve("reads"));
        assertThat(r.entries()).isEqualTo(7);
    }

    @Test
    void sixteenConcurrentWritersProduceAGaplessChain() throws Exception {
        int threads = 16;
        int each = 100;
        ConcurrentLinkedQueue<ReadEntry> appended = new ConcurrentLinkedQueue<>();
        try (ReadLog log = ReadLog.open(tmp.resolve("reads"));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String patient = "p-thread" + (char) ('a' + t);
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        appended.add(log.append("hospital-a/node", "hospital-a", patient, ReadKind.RECORD_KEYS,
                                "rec-" + i, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            List<ReadEntry> bySeq = appended.stream().sorted(java.util.Comparator.comparingLong(ReadEntry::seq)).toList();
            assertThat(bySeq).extracting(ReadEntry::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, threads * each).boxed().toList());
            for (int i = 1; i < bySeq.size(); i++) {
                assertThat(bySeq.get(i).prevHash()).isEqualTo(bySeq.get(i - 1).hash());
            }
            assertThat(log.forPatient("p-threada", 0, 1000)).hasSize(each);
            assertThat(log.head()).contains(bySeq.get(bySeq.size() - 1));
        }
        ReadLogReport r = ReadLog.verify(tmp.resolve("reads"));
        assertThat(r.entries()).isEqualTo(threads * each);
    }

    @Test
    void verifyPassesOnAGoodLogAndAnEmptyOne() {
        Path dir = tmp.resolve("reads");
        try (ReadLog log = ReadLog.open(dir)) {
            assertThat(ReadLog.verify(dir)).isEqualTo(new ReadLogReport(dir, 0, ReadEntry.ZERO_HASH));
            six(log);
            // read-only verify works while the log is open for writing
            ReadLogReport r = ReadLog.verify(dir);
            assertThat(r.entries()).isEqualTo(6);
            assertThat(r.headHash()).isEqualTo(log.head().orElseThrow().hash());
        }
        assertThat(ReadLog.verify(dir).entries()).isEqualTo(6);
        assertThatThrownBy(() -> ReadLog.verify(tmp.resolve("none")))
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("READ_LOG_NOT_FOUND"));
    }

    // --- tampering: each writes through RocksDB directly, as an attacker with file access would

    private Path goodLog() {
        try (ReadLog log = open()) {
            six(log);
        }
        assertThat(ReadLog.verify(tmp.resolve("reads")).entries()).isEqualTo(6);
        return tmp.resolve("reads");
    }

    private static void raw(Path dir, RawEdit edit) throws RocksDBException {
        try (Options o = new Options(); RocksDB db = RocksDB.open(o, dir.toString())) {
            edit.apply(db);
        }
    }

    interface RawEdit {
        void apply(RocksDB db) throws RocksDBException;
    }

    private static void assertTamperedAt(Path dir, long seq, String detail) {
        assertThatThrownBy(() -> ReadLog.verify(dir))
                .isInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("READ_LOG_TAMPERED"))
                .hasMessageContaining("at seq " + seq + ":")
                .hasMessageContaining(detail);
    }

    private static ReadEntry stored(RocksDB db, long seq) throws RocksDBException {
        return ReadEntry.fromStoredBytes(db.get(ReadLog.entryKey(seq)));
    }

    /** Rewrites entry seq with the edit applied to its stored JSON, leaving the stored hash as it was. */
    private static void editJson(RocksDB db, long seq, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
            throws RocksDBException {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.tree(db.get(ReadLog.entryKey(seq)));
        edit.accept(tree);
        db.put(ReadLog.entryKey(seq), CanonicalJson.encode(tree));
    }

    @Test
    void verifyNamesAnEntryWhoseContentsChanged() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> editJson(db, 3, t -> t.put("caller", "hospital-b/dr-x").put("callerOrg", "hospital-b")));
        assertTamperedAt(dir, 3, "does not match the entry's contents");
    }

    @Test
    void verifyNamesAnEntryWhoseBytesAreNotCanonical() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> {
            byte[] v = db.get(ReadLog.entryKey(2));
            String spaced = new String(v, StandardCharsets.UTF_8).replace(",\"seq\"", ", \"seq\"");
            db.put(ReadLog.entryKey(2), spaced.getBytes(StandardCharsets.UTF_8));
        });
        assertTamperedAt(dir, 2, "not the canonical encoding");
    }

    @Test
    void verifyNamesAnEntryDeletedFromTheMiddle() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> db.delete(ReadLog.entryKey(3)));
        assertTamperedAt(dir, 3, "entry missing");
    }

    @Test
    void verifyNamesAChangedPrevHashEvenWhenTheEntryIsRehashed() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> {
            ReadEntry e = stored(db, 4);
            ReadEntry forged = ReadEntry.chained(e.seq(), e.atMillis(), e.caller(), e.callerOrg(), e.patientId(),
                    e.kind(), e.subject(), e.height(), "ab".repeat(32));
            db.put(ReadLog.entryKey(4), forged.storedBytes());
        });
        assertTamperedAt(dir, 4, "is not the hash of the previous entry");
    }

    @Test
    void verifyNamesAnEntryWhoseIndexKeyWasDropped() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> db.delete(ReadLog.indexKey(P2, 5)));
        assertTamperedAt(dir, 5, "index key p/" + P2 + "/0000000000000005 is missing");
    }

    @Test
    void verifyNamesAnIndexKeyThatPointsAtAnotherPatientsEntry() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> db.put(ReadLog.indexKey(P1, 3), new byte[0]));
        assertTamperedAt(dir, 3, "names no entry of that patient");
    }

    @Test
    void verifyNamesSwappedEntries() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> {
            byte[] two = db.get(ReadLog.entryKey(2));
            byte[] three = db.get(ReadLog.entryKey(3));
            db.put(ReadLog.entryKey(2), three);
            db.put(ReadLog.entryKey(3), two);
        });
        assertTamperedAt(dir, 2, "says seq 3");
    }

    @Test
    void verifyNamesTheFirstEntryAfterARechainedReorder() throws Exception {
        // entries 2 and 3 exchanged, renumbered, relinked and rehashed, index moved along: consistent up to seq 3,
        // so the break shows where the untouched chain resumes
        Path dir = goodLog();
        raw(dir, db -> {
            ReadEntry one = stored(db, 1);
            ReadEntry two = stored(db, 2);
            ReadEntry three = stored(db, 3);
            ReadEntry newTwo = ReadEntry.chained(2, three.atMillis(), three.caller(), three.callerOrg(),
                    three.patientId(), three.kind(), three.subject(), three.height(), one.hash());
            ReadEntry newThree = ReadEntry.chained(3, two.atMillis(), two.caller(), two.callerOrg(),
                    two.patientId(), two.kind(), two.subject(), two.height(), newTwo.hash());
            db.put(ReadLog.entryKey(2), newTwo.storedBytes());
            db.put(ReadLog.entryKey(3), newThree.storedBytes());
            db.delete(ReadLog.indexKey(two.patientId(), 2));
            db.delete(ReadLog.indexKey(three.patientId(), 3));
            db.put(ReadLog.indexKey(three.patientId(), 2), new byte[0]);
            db.put(ReadLog.indexKey(two.patientId(), 3), new byte[0]);
        });
        assertTamperedAt(dir, 4, "is not the hash of the previous entry");
    }

    @Test
    void verifyNamesATruncatedTailWhileTheHeadStillNamesIt() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> {
            db.delete(ReadLog.entryKey(5));
            db.delete(ReadLog.indexKey(P2, 5));
        });
        assertTamperedAt(dir, 5, "the head names seq 5");
    }

    @Test
    void verifyNamesAChangedHead() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> db.put("h".getBytes(StandardCharsets.UTF_8),
                CanonicalJson.encode(new ReadLog.Head(5, "cd".repeat(32)))));
        assertTamperedAt(dir, 5, "the head names seq 5 (" + "cd".repeat(32));
    }

    @Test
    void verifyNamesAnUnknownKey() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> db.put("x/name".getBytes(StandardCharsets.UTF_8), "Jane Doe".getBytes(StandardCharsets.UTF_8)));
        assertTamperedAt(dir, 6, "unexpected key x/name");
    }

    @Test
    void aLogWhoseHeadDisagreesIsNotExtended() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> db.delete(ReadLog.entryKey(5)));
        assertThatThrownBy(() -> ReadLog.open(dir).close())
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("READ_LOG_TAMPERED"))
                .hasMessageContaining("refusing to extend");
    }

    /** Documented limitation: whoever can rewrite the tail and the head together is not detected by the log alone. */
    @Test
    void aTailTruncatedTogetherWithItsHeadStillVerifies() throws Exception {
        Path dir = goodLog();
        raw(dir, db -> {
            ReadEntry four = stored(db, 4);
            db.delete(ReadLog.entryKey(5));
            db.delete(ReadLog.indexKey(P2, 5));
            db.put("h".getBytes(StandardCharsets.UTF_8), CanonicalJson.encode(new ReadLog.Head(4, four.hash())));
        });
        assertThat(ReadLog.verify(dir).entries()).isEqualTo(5);
    }

    // --- input: ids only, never names

    @Test
    void refusesNamesAndMalformedIdsAndWritesNothing() {
        try (ReadLog log = open()) {
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", "Jane Doe", ReadKind.CONSENTS, "", 1),
                    "READ_PATIENT_INVALID");
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", "p-Jane", ReadKind.CONSENTS, "", 1),
                    "READ_PATIENT_INVALID");
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", null, ReadKind.CONSENTS, "", 1),
                    "READ_PATIENT_INVALID");
            assertRefused(() -> log.append(" ", "hospital-a", P1, ReadKind.CONSENTS, "", 1), "READ_CALLER_INVALID");
            assertRefused(() -> log.append(null, "hospital-a", P1, ReadKind.CONSENTS, "", 1), "READ_CALLER_INVALID");
            assertRefused(() -> log.append("Dr Lee", "hospital-a", P1, ReadKind.CONSENTS, "", 1), "READ_CALLER_INVALID");
            assertRefused(() -> log.append("hospital-a/Dr Lee", "hospital-a", P1, ReadKind.CONSENTS, "", 1),
                    "READ_CALLER_INVALID");
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-b", P1, ReadKind.CONSENTS, "", 1),
                    "READ_CALLER_INVALID");
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", P1, ReadKind.CONSENTS, "Jane Doe", 1),
                    "READ_SUBJECT_INVALID");
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", P1, null, "", 1), "READ_ENTRY_INVALID");
            assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", P1, ReadKind.CONSENTS, "", -1),
                    "READ_ENTRY_INVALID");
            assertRefused(() -> log.forPatient("Jane Doe", 0, 10), "READ_PATIENT_INVALID");
            assertRefused(() -> log.forPatient(P1, -1, 10), "READ_LOG_QUERY_INVALID");
            assertRefused(() -> log.forPatient(P1, 0, -1), "READ_LOG_QUERY_INVALID");
            assertThat(log.head()).isEmpty();
            ReadEntry ok = log.append("hospital-a/dr-lee", "hospital-a", P1, ReadKind.CONSENTS, null, 1);
            assertThat(ok.seq()).isZero();
            assertThat(ok.subject()).isEmpty();
        }
        assertThat(ReadLog.verify(tmp.resolve("reads")).entries()).isEqualTo(1);
    }

    @Test
    void anEntryCarriesOnlyTheseFields() {
        try (ReadLog log = open()) {
            ReadEntry e = log.append("hospital-a/dr-lee", "hospital-a", P1, ReadKind.REVIEW_QUEUE, "hospital-b", 3);
            List<String> keys = new ArrayList<>();
            CanonicalJson.tree(e.storedBytes()).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("atMillis", "caller", "callerOrg", "hash", "height", "kind", "patientId",
                    "prevHash", "seq", "subject");
        }
    }

    @Test
    void aClosedLogRefusesAppends() {
        ReadLog log = open();
        log.close();
        log.close();
        assertRefused(() -> log.append("hospital-a/dr-lee", "hospital-a", P1, ReadKind.CONSENTS, "", 1),
                "READ_LOG_CLOSED");
        assertRefused(() -> log.forPatient(P1, 0, 1), "READ_LOG_CLOSED");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo(code));
    }
}
