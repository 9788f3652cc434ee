package org.careledger.node.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An entry whose append returned survives kill -9 of the process (WAL on, sync off). */
class ReadLogCrashTest {
    @TempDir
    Path tmp;

    /** The child: appends until killed, printing each seq only after its append returned. */
    public static void main(String[] args) {
        try (ReadLog log = ReadLog.open(Path.of(args[0]))) {
            for (long i = 0; ; i++) {
                ReadEntry e = log.append("hospital-a/node", "hospital-a", "p-crash" + (i % 7) + "abc",
                        ReadKind.RECORD_LIST, "", i);
                System.out.println(e.seq());
                System.out.flush();
            }
        }
    }

    @Test
    void appendsThatReturnedSurviveKillNine() throws Exception {
        Path dir = tmp.resolve("reads");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", cp, ReadLogCrashTest.class.getName(), dir.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastReported = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lastReported = Long.parseLong(line.strip());
                if (lastReported == 300) {
                    // SIGKILL (no shutdown hooks, no close, no flush); through the handle, which unlike
                    // Process.destroyForcibly leaves the pipe open so the seqs already printed can still be read
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(lastReported).isGreaterThanOrEqualTo(300);

        ReadLogReport r = ReadLog.verify(dir);
        assertThat(r.entries()).isGreaterThan(lastReported);
        try (ReadLog log = ReadLog.open(dir)) {
            ReadEntry head = log.head().orElseThrow();
            assertThat(head.hash()).isEqualTo(r.headHash());
            ReadEntry next = log.append("hospital-a/node", "hospital-a", "p-crash0abc", ReadKind.CONSENTS, "", 1);
            assertThat(next.seq()).isEqualTo(head.seq() + 1);
            assertThat(next.prevHash()).isEqualTo(head.hash());
        }
        assertThat(ReadLog.verify(dir).entries()).isEqualTo(r.entries() + 1);
    }
}
