package org.careledger.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads node.json when it changes while the node runs and applies what can change without a restart: today the
 * free-space floor {@code minFreeDiskBytes}, so an operator can lower it to get a DISK_FULL node going while space is
 * freed (and raise it back) without stopping it. Polled from the health ticker (one stat a second); a node.json that
 * does not parse is logged once and changes nothing. Every other setting still takes a restart.
 */
final class ConfigWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);

    private final Path nodeDir;
    private final DiskGuard disk;
    private FileTime seen;

    ConfigWatch(Path nodeDir, DiskGuard disk) {
        this.nodeDir = nodeDir;
        this.disk = disk;
        this.seen = modified();
    }

    void poll() {
        FileTime now = modified();
        if (now == null || now.equals(seen)) {
            return;
        }
        seen = now;
        try {
            disk.setFloor(NodeConfig.read(nodeDir).minFreeDiskBytes());
        } catch (RuntimeException e) {
            LOG.warn("node.json changed but does not read ({}); the running node keeps its settings", e.getMessage());
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(nodeDir.resolve(NodeConfig.FILE_NAME));
        } catch (IOException e) {
            return null;
        }
    }
}
