package org.careledger.consensus;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What every cluster integration test shares: a fresh directory, and its load and nodes stopped afterwards. */
@Timeout(180)
abstract class ClusterTest {
    static {
        // a Ratis server that cannot bind ends the JVM by default, losing every report of the run: throw instead
        org.apache.ratis.util.ExitUtils.disableSystemExit();
    }

    @TempDir
    Path dir;
    Cluster cluster;
    Load load;

    @AfterEach
    void stopLoadAndNodes() {
        if (load != null) {
            load.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
