package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** node.json's minFreeDiskBytes changed while the node runs reaches the guard; a broken node.json changes nothing. */
class ConfigWatchTest {
    @TempDir
    Path dir;

    @Test
    void aChangedFloorIsAppliedAndABrokenFileIsIgnored() throws Exception {
        Path file = dir.resolve(NodeConfig.FILE_NAME);
        NodeConfig config = NodeConfig.defaults("hospital-a", 7101);
        Files.write(file, CanonicalJson.encode(config));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
        DiskGuard guard = new DiskGuard(Map.of("data", dir), config.minFreeDiskBytes(), p -> 1L << 40, System::nanoTime);
        ConfigWatch watch = new ConfigWatch(dir, guard);
        watch.poll();
        assertThat(guard.floor()).isEqualTo(DiskGuard.DEFAULT_MIN_FREE_BYTES);

        Files.write(file, CanonicalJson.encode(config.withMinFreeDiskBytes(1234)));
        Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
        watch.poll();
        assertThat(guard.floor()).isEqualTo(1234);

        Files.writeString(file, "{\"orgId\": ");
        Files.setLastModifiedTime(file, FileTime.fromMillis(3_000_000));
        watch.poll();
        assertThat(guard.floor()).as("kept").isEqualTo(1234);
    }
}
