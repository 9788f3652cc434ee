package org.careledger.node;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.careledger.contracts.StandardContracts;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Admission;
import org.careledger.ledger.ContractRegistry;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.Ledger;
import org.careledger.node.api.ApiServer;
import org.careledger.node.api.OpenApiDocument;
import org.careledger.consensus.Finality;
import org.careledger.consensus.LocalFinality;
import org.careledger.consensus.LocalOrderer;
import org.careledger.consensus.Orderer;
import org.careledger.consensus.RaftNode;
import org.careledger.consensus.RaftNodeOptions;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.Pem;
import org.careledger.storage.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one node process from its directory: store, ledger, ordering, API. The only place objects are
 * constructed and connected; closing it stops everything in reverse order.
 */
public final class NodeAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAssembly.class);

    private final NodeConfig config;
    private final Ledger ledger;
    private final Orderer orderer;
    private final RaftNode raft;
    private final ApiServer api;

    private final org.careledger.node.reads.ReadLog reads;
    private final NodeHealth health;
    private final java.util.concurrent.ScheduledExecutorService healthTicker;
    private final java.util.concurrent.CompletableFuture<String> restart;
    private final StoreScrub scrub;

    private NodeAssembly(NodeConfig config, Ledger ledger, Orderer orderer, RaftNode raft, ApiServer api,
                         org.careledger.node.reads.ReadLog reads, NodeHealth health,
                         java.util.concurrent.ScheduledExecutorService healthTicker,
                         java.util.concurrent.CompletableFuture<String> restart, StoreScrub scrub) {
        this.restart = restart;
        this.scrub = scrub;
        this.health = health;
        this.healthTicker = healthTicker;
        this.reads = reads;
        this.config = config;
        this.ledger = ledger;
        this.orderer = orderer;
        this.raft = raft;
        this.api = api;
    }

    /** Why this node stopped applying blocks (it computed a hash a quorum of others did not sign), or null. */
    public String haltReason() {
        return raft != null && raft.halted() ? raft.haltReason() : null;
    }

    public static ContractRegistry contracts() {
        return new ContractRegistry(StandardContracts.domains());
    }

    /** How verify checks quorum certificates in a store. */
    public static org.careledger.ledger.LedgerVerifier.CertificateCheck certificateCheck() {
        return new org.careledger.consensus.QuorumCertificateCheck();
    }

    public static NodeAssembly start(Path nodeDir) {
        NodeConfig config = NodeConfig.read(nodeDir);
        Genesis genesis = Genesis.read(nodeDir.resolve(config.genesisFile()));
        GenesisOrg self = genesis.org(config.orgId()).orElseThrow(() -> new CareledgerException("NODE_CONFIG_INVALID",
                "org " + config.orgId() + " of " + nodeDir + " is not in genesis"));
        List<NodeDomain> domains = NodeDomains.standard();
        java.util.Set<String> inGenesis = genesis.domains().stream().map(org.careledger.ledger.GenesisDomain::id)
                .collect(java.util.stream.Collectors.toSet());
        // refuse colliding OpenAPI fragments of any registered domain, then serve those of the mounted ones
        OpenApiDocument.load(NodeDomains.ids(domains));
        byte[] openApi = OpenApiDocument.load(NodeDomains.ids(domains).stream().filter(inGenesis::contains).toList());
        LedgerStore store = LedgerStore.open(nodeDir.resolve(config.dataDir()));
        Ledger ledger;
        try {
            ledger = Ledger.open(store, genesis, contracts(), config.maxTxBytes());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("careledger.chain.height", ledger, l -> l.head().height()).register(metrics);
        Gauge.builder("careledger.log.size", ledger, l -> l.head().logSize()).register(metrics);
        CommitTracker commits = new CommitTracker();
        ledger.addListener(commits::onBlock);
        Orderer orderer;
        Finality finality;
        RaftNode raft = null;
        if (config.ordering().equals(NodeConfig.RAFT)) {
            try {
                raft = RaftNode.start(RaftNodeOptions.of(genesis, config.orgId(), nodeDir.resolve("raft"),
                                KeyFiles.readSigner(nodeDir.resolve(config.nodeKeyFile())), Pem.decodeCertificate(self.nodeCertificate()))
                        .withTls(config.tls()).withBatching(config.maxBatchTxs(), config.batchLingerMillis()), ledger);
            } catch (RuntimeException e) {
                ledger.close();
                throw e;
            }
            orderer = raft.orderer();
            finality = raft.finality();
        } else {
            orderer = new LocalOrderer(ledger, config.nodeId(), config.maxBatchTxs(), config.batchLingerMillis());
            finality = new LocalFinality(ledger);
        }
        RaftNode raftNode = raft;
        // the free-space floor covers every directory the node writes: a full disk cuts RocksDB and Raft files short
        java.util.Map<String, Path> written = new java.util.LinkedHashMap<>();
        written.put("data", store.dir());
        written.put("raft", nodeDir.resolve("raft"));
        written.put("reads", org.careledger.node.reads.ReadLog.dirOf(nodeDir));
        DiskGuard disk = DiskGuard.of(written, config.minFreeDiskBytes());
        for (String name : disk.names()) {
            Gauge.builder("careledger.disk.free.bytes", disk, d -> d.free(name)).tag("dir", name)
                    .description("usable bytes on the file system holding this node directory (-1: unknown)")
                    .register(metrics);
        }
        NodeHealth health = new NodeHealth(raftNode == null ? null : raftNode::progress,
                () -> raftNode != null && raftNode.halted() ? raftNode.haltReason() : null, store.dir(), disk);
        Finality finalityView = finality;
        Gauge.builder("careledger.finality.lag.blocks", ledger, l -> Math.max(0, l.head().height() - finalityView.finalHeight()))
                .description("committed blocks not yet final (certified by a quorum of org nodes)").register(metrics);
        Orderer ordererView = orderer;
        Gauge.builder("careledger.raft.role", ordererView, o -> roleCode(o.role()))
                .description("2 leader (or local ordering), 1 candidate, 0 follower or listener, -1 stopped or halted").register(metrics);
        Gauge.builder("careledger.raft.term", ledger, l -> raftNode == null ? 0 : raftNode.term())
                .description("the Raft term this node is in (0 with local ordering, -1 while its server is down)")
                .register(metrics);
        Gauge.builder("careledger.store.bytes", store, LedgerStore::liveBytes)
                .description("bytes of the RocksDB store: live table files and memtables").register(metrics);
        Gauge.builder("careledger.raft.lag.entries", health, h -> h.check().lag())
                .description("committed Raft log entries this node has not applied yet").register(metrics);
        Gauge.builder("careledger.health.status", health, h -> h.check().status().ordinal())
                .description("0 UP, 1 CATCHING_UP, 2 DEGRADED, 3 DISK_FULL").register(metrics);
        TxService txs = new TxService(new Admission(ledger, new org.careledger.node.drugs.EpcisAdmission()), orderer, commits, finality, Duration.ofSeconds(30),
                health::writeRefusal, health::intakeRefusal);
        int port = config.apiPort() > 0 ? config.apiPort() : self.node() == null ? 0 : self.node().apiPort();
        javax.net.ssl.SSLContext tls = config.tls() ? org.careledger.crypto.tls.NodeKeyMaterial.serverContext(
                org.careledger.crypto.tls.NodeKeyMaterial.keyManager(KeyFiles.readSigner(nodeDir.resolve(config.nodeKeyFile())),
                        Pem.decodeCertificate(self.nodeCertificate()), Pem.decodeCertificate(self.caCertificate()))) : null;
        var auth = new org.careledger.node.auth.RequestAuthenticator(ledger, java.util.Set.copyOf(config.anonymousPaths()),
                java.time.Clock.systemUTC());
        org.careledger.node.reads.ReadLog reads = null;
        ApiServer api;
        try {
            reads = org.careledger.node.reads.ReadLog.open(org.careledger.node.reads.ReadLog.dirOf(nodeDir));
            api = new ApiServer(ledger, txs, finality, orderer, config.nodeId(), metrics, config.apiHost(), port,
                    config.maxTxBytes(), tls, auth, NodeDomains.routes(domains, inGenesis,
                            new NodeDomain.Services(ledger, finality, txs, config.nodeId(), config.orgId(),
                                    orgEncryptionKey(nodeDir), reads)),
                    health, openApi).start();
        } catch (RuntimeException e) {
            // a port in use or an unreadable read log: release what was opened so a retry finds nothing locked
            if (reads != null) {
                reads.close();
            }
            if (raft != null) {
                raft.close();
            } else {
                orderer.close();
            }
            ledger.close();
            throw e;
        }
        // damage where no client reads (old blocks, untouched state) is found by the scrub, on the serving read's path
        StoreScrub scrub = new StoreScrub(ledger, config.scrubPerSecond(), health::storeCorrupted, System::nanoTime)
                .start(Long.getLong("careledger.scrub.firstDelayMillis", 30_000)); // let a restarted node catch up first
        Gauge.builder("careledger.scrub.blocks", scrub, StoreScrub::blocksScrubbed)
                .description("blocks the background scrub has re-read and checked since the node started").register(metrics);
        Gauge.builder("careledger.scrub.passes", scrub, StoreScrub::passes)
                .description("whole passes of the background scrub over the store").register(metrics);
        Gauge.builder("careledger.scrub.last.pass.seconds", scrub, s -> s.lastPassEpochMillis() / 1000.0)
                .description("when the last whole scrub pass ended (Unix time; 0: none yet)").register(metrics);
        Gauge.builder("careledger.scrub.corruptions", scrub, StoreScrub::corruptions)
                .description("corruptions the background scrub found").register(metrics);
        LOG.info("node {} of chain {} serving on {}://{}:{} at height {}", config.nodeId(), genesis.chainId(),
                config.tls() ? "https" : "http", config.apiHost(), api.port(), ledger.head().height());
        // state changes are logged when they happen, not only when someone asks
        var ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("careledger-health").daemon(true).factory());
        var restart = new java.util.concurrent.CompletableFuture<String>();
        ConfigWatch configWatch = new ConfigWatch(nodeDir, disk);
        ticker.scheduleWithFixedDelay(() -> {
            try {
                configWatch.poll();
                health.check();
                String why = restart.isDone() ? null : health.restartReason();
                if (why != null) {
                    String message = "restarting this node's Raft server and store: " + why + "; its disks have room"
                            + " again";
                    LOG.warn(message);
                    System.err.println("careledger node WARN " + message);
                    restart.complete(why);
                }
            } catch (RuntimeException e) {
                LOG.debug("health check failed: {}", e.toString());
            }
        }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        return new NodeAssembly(config, ledger, orderer, raft, api, reads, health, ticker, restart, scrub);
    }

    /**
     * Starts the node again after {@link #restartRequested()} (its Raft log or store could not be written): the store
     * is first reopened keeping its whole blocks (its WAL may end in the write that failed), then the node starts as
     * usual and re-applies from its Raft log what the store lacks.
     */
    public static NodeAssembly restart(Path nodeDir) {
        Path store = nodeDir.resolve(NodeConfig.read(nodeDir).dataDir());
        if (java.nio.file.Files.isRegularFile(store.resolve("CURRENT"))) {
            LedgerStore.recoverAfterFailedWrite(store);
        }
        return start(nodeDir);
    }

    /** The org's X25519 key if the node dir holds it ({@code org/encryption.key}); used only for break-glass re-wrap. */
    private static org.careledger.crypto.envelope.EncryptionKeyPair orgEncryptionKey(Path nodeDir) {
        Path key = nodeDir.resolve("org/encryption.key");
        return java.nio.file.Files.isRegularFile(key) ? org.careledger.crypto.x509.KeyFiles.readEncryptionKey(key) : null;
    }

    public Ledger ledger() {
        return ledger;
    }

    /**
     * Completes (with the reason) when this node must be closed and started again from its directory to recover:
     * its Raft log failed to write (a full disk; Ratis never retries a failed log write) and its disks have room
     * again. Whoever runs the node ({@code careledger node start}) does that restart in the same process.
     */
    public java.util.concurrent.CompletableFuture<String> restartRequested() {
        return restart;
    }

    /** Whether this node is UP, CATCHING_UP or DEGRADED, and why. */
    public NodeHealth health() {
        return health;
    }

    /** The routes the node's API serves, "METHOD /path" as registered (the OpenAPI document lists the same). */
    public List<String> apiRoutes() {
        return api.routes();
    }

    public int apiPort() {
        return api.port();
    }

    public String apiUrl() {
        return (config.tls() ? "https://" : "http://") + config.apiHost() + ":" + api.port();
    }

    /** The background store scrub (its counters). */
    public StoreScrub scrub() {
        return scrub;
    }

    public NodeConfig config() {
        return config;
    }

    @Override
    public void close() {
        healthTicker.shutdownNow();
        scrub.close();
        try {
            api.close();
        } finally {
            try {
                if (raft != null) {
                    raft.close();
                } else {
                    orderer.close();
                }
            } finally {
                try {
                    ledger.close();
                } finally {
                    reads.close();
                }
            }
        }
    }

    /** The Raft role as a number a dashboard can plot. */
    static int roleCode(String role) {
        return switch (role) {
            case "leader", "local" -> 2; // a lone node with local ordering orders everything
            case "candidate" -> 1;
            case "follower", "listener" -> 0;
            default -> -1;
        };
    }
}
