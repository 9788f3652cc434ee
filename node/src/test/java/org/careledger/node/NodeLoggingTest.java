package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class NodeLoggingTest {
    @TempDir
    Path dir;

    @AfterEach
    void backToTheConsole() throws Exception {
        System.clearProperty("careledger.log.maxFileSize");
        System.clearProperty(NodeLogging.DIR_PROPERTY);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void withoutALogDirNothingChanges() {
        assertThat(NodeLogging.rollIfConfigured()).isEmpty();
    }

    @Test
    void theLogRollsOverAtItsSizeAndNodeLogStaysTheActiveFile() throws Exception {
        System.setProperty("careledger.log.maxFileSize", "16KB");
        System.setProperty(NodeLogging.DIR_PROPERTY, dir.toString());
        assertThat(NodeLogging.rollIfConfigured()).contains(dir.toAbsolutePath());
        Logger log = LoggerFactory.getLogger("rolling-test");
        String line = "x".repeat(200);
        for (int i = 0; i < 1000; i++) { // ~200 KB, more than ten times the file size
            log.info("line {} {}", i, line);
        }
        Path active = dir.resolve("node.log");
        assertThat(active).exists();
        List<Path> archives = awaitArchives();
        assertThat(archives).isNotEmpty();
        assertThat(archives).allMatch(p -> p.getFileName().toString().matches("node\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log\\.gz"));
        // the active file holds at most one file's worth (plus the line that crossed the size)
        assertThat(Files.size(active)).isLessThan(16 * 1024 + 1024);
        assertThat(Files.readString(active)).contains("line 999 ");
    }

    private List<Path> awaitArchives() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> gz = files.filter(p -> p.toString().endsWith(".gz")).toList();
                if (!gz.isEmpty()) {
                    return gz;
                }
            }
            Thread.sleep(50);
        }
        return List.of();
    }
}
