package org.careledger.consensus;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.Pem;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;

/**
 * How one org's node joins the consortium's Raft group. Zero, negative or null tuning values take the defaults
 * below, so callers set only what they mean; {@link #of} gives a node with every default.
 *
 * @param genesis            the consortium; every org's node is a Raft peer at {@code host:raftPort}
 * @param selfOrg            this node's org id
 * @param raftDir            Raft log and state machine snapshots (RocksDB checkpoints) of this node
 * @param nodeSigner         the node key (ECDSA P-256) that signs block hashes and serves TLS
 * @param nodeCertificate    the node certificate; its key must be the one genesis lists for this org's node
 * @param tls                mutual TLS between nodes (node certificates, pinned to genesis); false = plaintext
 * @param maxBatchTxs        most transactions in one Raft entry (default 500)
 * @param batchLingerMillis  how long a batch waits for more transactions (default 5 ms)
 * @param electionTimeoutMin Raft election timeout, lower bound (default 1 s)
 * @param electionTimeoutMax Raft election timeout, upper bound (default 2 s)
 * @param orderTimeout       how long {@code order()} waits for a commit before failing (default 30 s)
 * @param snapshotEvery      take a snapshot (and purge the log before it) every this many entries (default 10 000)
 * @param logSegmentBytes    size of one Raft log segment file; only whole segments are purged (default 32 MiB)
 * @param bindAddress        where the Raft server listens if not at its genesis address (NAT, a proxy); may be null
 */
public record RaftNodeOptions(Genesis genesis, String selfOrg, Path raftDir, Signer nodeSigner,
                              X509Certificate nodeCertificate, boolean tls, int maxBatchTxs, int batchLingerMillis,
                              Duration electionTimeoutMin, Duration electionTimeoutMax, Duration orderTimeout,
                              long snapshotEvery, long logSegmentBytes, InetSocketAddress bindAddress) {
    public static final int DEFAULT_MAX_BATCH_TXS = 500;
    public static final int DEFAULT_BATCH_LINGER_MILLIS = 5;
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(1000);
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(2000);
    public static final Duration DEFAULT_ORDER_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_SNAPSHOT_EVERY = 10_000;
    public static final long DEFAULT_LOG_SEGMENT_BYTES = 32L * 1024 * 1024;

    public RaftNodeOptions {
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(raftDir, "raftDir");
        Objects.requireNonNull(nodeSigner, "nodeSigner");
        Objects.requireNonNull(nodeCertificate, "nodeCertificate");
        GenesisOrg self = genesis.org(selfOrg).orElseThrow(() -> new CareledgerException("NODE_CONFIG_INVALID",
                "org " + selfOrg + " is not a member of chain " + genesis.chainId()));
        if (self.node() == null) {
            throw new CareledgerException("NODE_CONFIG_INVALID", "genesis lists no node endpoint for org " + selfOrg);
        }
        if (nodeSigner.algorithm() != SignatureAlgorithm.ECDSA_P256) {
            throw new CareledgerException("NODE_CONFIG_INVALID", "the node key of " + selfOrg
                    + " must be ECDSA P-256 (it signs blocks and serves TLS), not " + nodeSigner.algorithm());
        }
        byte[] genesisKey = CertificateInfo.of(Pem.decodeCertificate(self.nodeCertificate())).publicKey();
        if (!Arrays.equals(genesisKey, nodeSigner.publicKey())) {
            throw new CareledgerException("NODE_CONFIG_INVALID", "the node key given for " + selfOrg
                    + " is not the key of its node certificate in genesis");
        }
        if (!Arrays.equals(CertificateInfo.of(nodeCertificate).publicKey(), genesisKey)) {
            throw new CareledgerException("NODE_CONFIG_INVALID", "the node certificate given for " + selfOrg
                    + " does not carry the node key listed in genesis");
        }
        maxBatchTxs = maxBatchTxs > 0 ? maxBatchTxs : DEFAULT_MAX_BATCH_TXS;
        batchLingerMillis = batchLingerMillis >= 0 ? batchLingerMillis : DEFAULT_BATCH_LINGER_MILLIS;
        electionTimeoutMin = positive(electionTimeoutMin) ? electionTimeoutMin : DEFAULT_ELECTION_TIMEOUT_MIN;
        electionTimeoutMax = positive(electionTimeoutMax) ? electionTimeoutMax : DEFAULT_ELECTION_TIMEOUT_MAX;
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("electionTimeoutMax (" + electionTimeoutMax
                    + ") must exceed electionTimeoutMin (" + electionTimeoutMin + ")");
        }
        orderTimeout = positive(orderTimeout) ? orderTimeout : DEFAULT_ORDER_TIMEOUT;
        snapshotEvery = snapshotEvery > 0 ? snapshotEvery : DEFAULT_SNAPSHOT_EVERY;
        logSegmentBytes = logSegmentBytes > 0 ? logSegmentBytes : DEFAULT_LOG_SEGMENT_BYTES;
    }

    /** A node with TLS on and every other setting at its default. */
    public static RaftNodeOptions of(Genesis genesis, String selfOrg, Path raftDir, Signer nodeSigner,
                                     X509Certificate nodeCertificate) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, true, 0, -1, null, null,
                null, 0, 0, null);
    }

    public RaftNodeOptions withTls(boolean on) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, on, maxBatchTxs,
                batchLingerMillis, electionTimeoutMin, electionTimeoutMax, orderTimeout, snapshotEvery,
                logSegmentBytes, bindAddress);
    }

    public RaftNodeOptions withBatching(int maxTxs, int lingerMillis) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, tls, maxTxs, lingerMillis,
                electionTimeoutMin, electionTimeoutMax, orderTimeout, snapshotEvery, logSegmentBytes, bindAddress);
    }

    public RaftNodeOptions withElectionTimeout(Duration min, Duration max) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, tls, maxBatchTxs,
                batchLingerMillis, min, max, orderTimeout, snapshotEvery, logSegmentBytes, bindAddress);
    }

    public RaftNodeOptions withOrderTimeout(Duration timeout) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, tls, maxBatchTxs,
                batchLingerMillis, electionTimeoutMin, electionTimeoutMax, timeout, snapshotEvery, logSegmentBytes,
                bindAddress);
    }

    public RaftNodeOptions withSnapshots(long everyEntries, long segmentBytes) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, tls, maxBatchTxs,
                batchLingerMillis, electionTimeoutMin, electionTimeoutMax, orderTimeout, everyEntries, segmentBytes,
                bindAddress);
    }

    public RaftNodeOptions withBindAddress(InetSocketAddress address) {
        return new RaftNodeOptions(genesis, selfOrg, raftDir, nodeSigner, nodeCertificate, tls, maxBatchTxs,
                batchLingerMillis, electionTimeoutMin, electionTimeoutMax, orderTimeout, snapshotEvery,
                logSegmentBytes, address);
    }

    /** This node's org as genesis lists it. */
    public GenesisOrg self() {
        return genesis.org(selfOrg).orElseThrow();
    }

    /** The node id that proposes batches and signs blocks: {@code <org>/node}. */
    public String nodeId() {
        return self().nodeId();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
