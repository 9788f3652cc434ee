package org.careledger.node.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.careledger.core.CareledgerException;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class ReadLogPropertiesTest {
    record Read(String org, String member, String patient, ReadKind kind, String subject, long height) {}

    @Provide
    Arbitrary<List<Read>> reads() {
        Arbitrary<Read> read = Combinators.combine(
                Arbitraries.of("hospital-a", "pharmacy-c", "patient"),
                Arbitraries.strings().withChars("abcdefghij-0123456789").ofMinLength(1).ofMaxLength(12)
                        .filter(s -> Character.isLetterOrDigit(s.charAt(0))),
                Arbitraries.of("p-aaaaaa", "p-aaaaaa1", "p-0123456789abcdef"),
                Arbitraries.of(ReadKind.class),
                Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("abcXYZ019._-")
                        .ofMinLength(1).ofMaxLength(20).filter(s -> Character.isLetterOrDigit(s.charAt(0)))),
                Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as(Read::new);
        return read.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 25)
    void everyReadIsFoundUnderItsPatientAndAnySingleByteChangeIsNamed(@ForAll("reads") List<Read> reads,
            @ForAll @IntRange(max = 10_000) int which, @ForAll @IntRange(max = 10_000) int where) throws Exception {
        Path dir = Files.createTempDirectory("readlog-prop");
        try {
            List<ReadEntry> appended = new ArrayList<>();
            try (ReadLog log = ReadLog.open(dir)) {
                for (Read r : reads) {
                    String caller = r.org().equals("patient") ? "patient/" + r.patient() : r.org() + "/" + r.member();
                    appended.add(log.append(caller, r.org(), r.patient(), r.kind(), r.subject(), r.height()));
                }
                List<ReadEntry> found = new ArrayList<>();
                for (String p : List.of("p-aaaaaa", "p-aaaaaa1", "p-0123456789abcdef")) {
                    List<ReadEntry> mine = log.forPatient(p, 0, 1000);
                    assertThat(mine).allMatch(e -> e.patientId().equals(p)).isSortedAccordingTo(
                            Comparator.comparingLong(ReadEntry::seq));
                    found.addAll(mine);
                }
                found.sort(Comparator.comparingLong(ReadEntry::seq));
                assertThat(found).isEqualTo(appended);
            }
            assertThat(ReadLog.verify(dir).entries()).isEqualTo(reads.size());
            assertThat(ReadLog.verify(dir).headHash()).isEqualTo(appended.get(appended.size() - 1).hash());

            long seq = which % reads.size();
            try (Options o = new Options(); RocksDB db = RocksDB.open(o, dir.toString())) {
                byte[] v = db.get(ReadLog.entryKey(seq));
                int i = where % v.length;
                v[i] = (byte) (v[i] == '1' ? '2' : '1');
                db.put(ReadLog.entryKey(seq), v);
            }
            assertThatThrownBy(() -> ReadLog.verify(dir)).isInstanceOf(CareledgerException.class)
                    .hasMessageContaining("at seq " + seq + ":")
                    .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("READ_LOG_TAMPERED"));
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
