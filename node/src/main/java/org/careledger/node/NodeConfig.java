package org.careledger.node;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;

/**
 * A node's settings, read from {@code node.json} in its directory. Paths are relative to that directory.
 * Peers, ports of other nodes and the consortium come from genesis. {@code minFreeDiskBytes} is the free-space floor
 * of the disks holding the store, the Raft log and the read log (default 256 MiB, 0: none); see {@link DiskGuard}.
 * {@code scrubPerSecond} is the rate of the background store scrub in blocks (and entries) per second (default
 * {@value StoreScrub#DEFAULT_PER_SECOND}, 0: off); see {@link StoreScrub}.
 */
public record NodeConfig(String orgId, String genesisFile, String dataDir, String nodeKeyFile, String apiHost,
                         int apiPort, int maxTxBytes, int maxBatchTxs, int batchLingerMillis, boolean tls,
                         String ordering, java.util.List<String> anonymousPaths, Long minFreeDiskBytes,
                         Integer scrubPerSecond) {
    public static final String FILE_NAME = "node.json";
    /** Apache Ratis across every org node of genesis: the production mode. */
    public static final String RAFT = "raft";
    /** A local sequencer on this node alone: development and single-node tests; no quorum certificates. */
    public static final String LOCAL = "local";
    /**
     * API paths that answer without a signed request: liveness, readiness (for load balancers), the API's
     * description, metrics for scrapers, and the FHIR CapabilityStatement (a FHIR client reads it before it knows how
     * to authenticate; it says what the server does, nothing of any patient).
     */
    public static final java.util.List<String> DEFAULT_ANONYMOUS_PATHS = java.util.List.of("/v1/health",
            "/v1/health/ready", "/openapi.json", "/metrics", "/fhir/metadata");

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
        ordering = ordering == null ? RAFT : ordering;
        if (!ordering.equals(RAFT) && !ordering.equals(LOCAL)) {
            throw new IllegalArgumentException("node.json: ordering must be 'raft' or 'local', not '" + ordering + "'");
        }
        minFreeDiskBytes = minFreeDiskBytes == null ? DiskGuard.DEFAULT_MIN_FREE_BYTES : minFreeDiskBytes;
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("node.json: minFreeDiskBytes must be 0 (no floor) or more, not "
                    + minFreeDiskBytes);
        }
        scrubPerSecond = scrubPerSecond == null ? StoreScrub.DEFAULT_PER_SECOND : scrubPerSecond;
        if (scrubPerSecond < 0) {
            throw new IllegalArgumentException("node.json: scrubPerSecond must be 0 (no background scrub) or more, not "
                    + scrubPerSecond);
        }
        anonymousPaths = anonymousPaths == null ? DEFAULT_ANONYMOUS_PATHS : java.util.List.copyOf(anonymousPaths);
        for (String p : anonymousPaths) {
            if (!DEFAULT_ANONYMOUS_PATHS.contains(p)) {
                // patient data, blocks and submissions are never anonymous; only these may be made so or not
                throw new IllegalArgumentException("node.json: anonymousPaths may list only " + DEFAULT_ANONYMOUS_PATHS
                        + ", not '" + p + "'");
            }
        }
    }

    /** Settings with the default scrub rate ({@link StoreScrub#DEFAULT_PER_SECOND}). */
    public NodeConfig(String orgId, String genesisFile, String dataDir, String nodeKeyFile, String apiHost,
                      int apiPort, int maxTxBytes, int maxBatchTxs, int batchLingerMillis, boolean tls,
                      String ordering, java.util.List<String> anonymousPaths, Long minFreeDiskBytes) {
        this(orgId, genesisFile, dataDir, nodeKeyFile, apiHost, apiPort, maxTxBytes, maxBatchTxs, batchLingerMillis, tls,
                ordering, anonymousPaths, minFreeDiskBytes, null);
    }

    /** Settings with the default free-space floor ({@link DiskGuard#DEFAULT_MIN_FREE_BYTES}). */
    public NodeConfig(String orgId, String genesisFile, String dataDir, String nodeKeyFile, String apiHost,
                      int apiPort, int maxTxBytes, int maxBatchTxs, int batchLingerMillis, boolean tls,
                      String ordering, java.util.List<String> anonymousPaths) {
        this(orgId, genesisFile, dataDir, nodeKeyFile, apiHost, apiPort, maxTxBytes, maxBatchTxs, batchLingerMillis, tls,
                ordering, anonymousPaths, null);
    }

    /** The same settings with another free-space floor (bytes; 0: none). */
    public NodeConfig withMinFreeDiskBytes(long bytes) {
        return new NodeConfig(orgId, genesisFile, dataDir, nodeKeyFile, apiHost, apiPort, maxTxBytes, maxBatchTxs,
                batchLingerMillis, tls, ordering, anonymousPaths, bytes, scrubPerSecond);
    }

    /** The same settings with another background scrub rate (blocks per second; 0: off). */
    public NodeConfig withScrubPerSecond(int perSecond) {
        return new NodeConfig(orgId, genesisFile, dataDir, nodeKeyFile, apiHost, apiPort, maxTxBytes, maxBatchTxs,
                batchLingerMillis, tls, ordering, anonymousPaths, minFreeDiskBytes, perSecond);
    }

    public NodeConfig(String orgId, String genesisFile, String dataDir, String nodeKeyFile, String apiHost,
                      int apiPort, int maxTxBytes, int maxBatchTxs, int batchLingerMillis, boolean tls,
                      String ordering) {
        this(orgId, genesisFile, dataDir, nodeKeyFile, apiHost, apiPort, maxTxBytes, maxBatchTxs, batchLingerMillis, tls,
                ordering, null);
    }

    /** Settings of a node ordered by Raft. */
    public NodeConfig(String orgId, String genesisFile, String dataDir, String nodeKeyFile, String apiHost,
                      int apiPort, int maxTxBytes, int maxBatchTxs, int batchLingerMillis, boolean tls) {
        this(orgId, genesisFile, dataDir, nodeKeyFile, apiHost, apiPort, maxTxBytes, maxBatchTxs, batchLingerMillis, tls, RAFT);
    }

    public static NodeConfig defaults(String orgId, int apiPort) {
        return new NodeConfig(orgId, null, null, null, null, apiPort, 0, 0, 2, true, RAFT, null);
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
