package org.careledger.node;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;

/**
 * A node's settings, read from {@code node.json} in its directory. Paths are relative to that directory.
 * Peers, ports of other nodes and the consortium come from genesis.
 */
public record NodeConfig(String orgId, String genesisFile, String dataDir, String nodeKeyFile, String apiHost,
                         int apiPort, int maxTxBytes, int maxBatchTxs, int batchLingerMillis, boolean tls) {
    public static final String FILE_NAME = "node.json";

    public NodeConfig {
        if (orgId == null || orgId.isBlank()) {
            throw new IllegalArgumentException("node.json: orgId is required");
        }
        genesisFile = genesisFile == null ? "genesis.json" : genesisFile;
        dataDir = dataDir == null ? "data" : dataDir;
        nodeKeyFile = nodeKeyFile == null ? "node/node.key" : nodeKeyFile;
        apiHost = apiHost == null ? "127.0.0.1" : apiHost;
        maxTxBytes = maxTxBytes <= 0 ? 4 * 1024 * 1024 : maxTxBytes;
        maxBatchTxs = maxBatchTxs <= 0 ? 2000 : maxBatchTxs;
        batchLingerMillis = batchLingerMillis < 0 ? 2 : batchLingerMillis;
    }

    public static NodeConfig defaults(String orgId, int apiPort) {
        return new NodeConfig(orgId, null, null, null, null, apiPort, 0, 0, 2, true);
    }

    public static NodeConfig read(Path nodeDir) {
        Path file = nodeDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new CareledgerException("NODE_DIR_INVALID", nodeDir + " is not a node directory (no " + FILE_NAME
                    + "); create one with 'careledger network init'");
        }
        try {
            return CanonicalJson.decode(Files.readAllBytes(file), NodeConfig.class);
        } catch (java.io.IOException e) {
            throw new CareledgerException("NODE_DIR_INVALID", "cannot read " + file + ": " + e.getMessage());
        } catch (CareledgerException e) {
            throw new CareledgerException("NODE_CONFIG_INVALID", file + ": " + e.getMessage());
        }
    }

    @JsonIgnore
    public String nodeId() {
        return orgId + "/node";
    }
}
