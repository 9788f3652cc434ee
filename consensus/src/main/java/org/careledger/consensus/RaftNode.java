package org.careledger.consensus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.careledger.consensus.proto.PeerQuery;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This org's member of the consortium's single Raft group (Apache Ratis over gRPC, mutual TLS by default).
 *
 * <p>The group id is derived from the genesis hash, each peer's id is its org id and its address the genesis
 * {@code host:raftPort}. Admitted transactions go through {@link #orderer()}: batched here, one batch per Raft entry,
 * committed by a majority, applied by every node in log order as the next block ({@link LedgerStateMachine}).
 * After applying a block each node signs its hash and sends the signature through Raft too; a block is final once
 * ⌊2n/3⌋+1 nodes signed the same hash ({@link #finality()}, stored as quorum certificates). A node that finds a
 * quorum of the others signed a different hash than its own block halts ({@link #halted()}).
 *
 * <p>Snapshots are RocksDB checkpoints of the ledger store; the log before the latest one is purged. A node the
 * leader's log no longer reaches catches up by fetching the missing blocks from peers and re-executing each one
 * (Ratis' snapshot notification; no database files are copied between nodes). The {@link Ledger} stays owned by
 * the caller: close this node first, then the ledger.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    private final RaftNodeOptions options;
    private final Ledger ledger;
    private final RaftGroupId groupId;
    private final RenewingRaftClient orderingClient;
    private final RenewingRaftClient signatureClient;
    private final RaftClient peerClient;
    private final CertificateBook book;
    private final LedgerStateMachine stateMachine;
    private final BlockSigner signer;
    private final PeerCatchUp catchUp;
    private final RaftOrderer orderer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean serverClosed = new AtomicBoolean();
    private volatile RaftServer server;

    private RaftNode(RaftNodeOptions options, Ledger ledger, RaftGroup group, Parameters parameters) {
        this.options = options;
        this.ledger = ledger;
        this.groupId = group.getGroupId();
        Genesis genesis = options.genesis();
        String nodeId = options.nodeId();
        long orderMillis = options.orderTimeout().toMillis();
        RaftProperties clientProperties = clientProperties(options);
        this.orderingClient = new RenewingRaftClient("ordering", () -> client(group, clientProperties, parameters,
                RetryPolicies.retryUpToMaximumCountWithFixedSleep((int) Math.max(10, orderMillis / 100),
                        TimeDuration.valueOf(100, TimeUnit.MILLISECONDS))));
        this.signatureClient = new RenewingRaftClient("block signature", () -> client(group, clientProperties,
                parameters, RetryPolicies.retryUpToMaximumCountWithFixedSleep(100,
                        TimeDuration.valueOf(100, TimeUnit.MILLISECONDS))));
        this.peerClient = client(group, clientProperties, parameters,
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(3, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)));
        this.book = new CertificateBook(ledger, new NodeKeys(genesis), nodeId, genesis.quorum(), this::forked);
        this.signer = new BlockSigner(options.nodeSigner(), nodeId, ledger, book,
                entry -> signatureClient.send(message(entry)).thenApply(RaftNode::requireSuccess),
                Math.max(orderMillis, 10_000));
        this.stateMachine = new LedgerStateMachine(ledger, book, block -> signer.blockApplied(block.height(), block.hash()));
        this.catchUp = new PeerCatchUp(ledger, genesis, options.selfOrg(), stateMachine, book, this::queryPeer,
                signer::rescan);
        stateMachine.setCatchUp(catchUp);
        stateMachine.setHaltListener(this::onHalt);
        stateMachine.setErasureListener(this::snapshotAfterErasure);
        this.orderer = new RaftOrderer(nodeId, options.maxBatchTxs(), options.batchLingerMillis(), options.orderTimeout(),
                entry -> orderingClient.send(message(entry)), this::role, this::leaderNodeId,
                stateMachine::haltReason);
    }

    /**
     * Starts this org's Raft server on its genesis address (or {@code options.bindAddress()}), recovering its log
     * and snapshot from {@code options.raftDir()} if they exist, and replaying committed entries the ledger has not
     * applied yet.
     */
    public static RaftNode start(RaftNodeOptions options, Ledger ledger) {
        Genesis genesis = options.genesis();
        if (!ledger.genesisHash().equals(genesis.hash())) {
            throw new CareledgerException("GENESIS_MISMATCH", "the ledger was opened with another genesis than the node");
        }
        RaftGroup group = group(genesis);
        RaftGroupId groupId = group.getGroupId();
        Parameters parameters = options.tls()
                ? tlsParameters(NodeTls.config(genesis, options.selfOrg(), options.nodeSigner(), options.nodeCertificate()))
                : new Parameters();
        RaftNode node = new RaftNode(options, ledger, group, parameters);
        try {
            Files.createDirectories(options.raftDir());
            boolean existing = Files.isDirectory(options.raftDir().resolve(groupId.getUuid().toString()));
            node.server = RaftServer.newBuilder()
                    .setServerId(RaftPeerId.valueOf(options.selfOrg()))
                    .setGroup(group)
                    .setStateMachine(node.stateMachine)
                    .setProperties(serverProperties(options))
                    .setParameters(parameters)
                    .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            node.server.start();
        } catch (IOException | RuntimeException e) {
            node.closeClients();
            node.closeServer();
            // Ratis says only "Failed to initRaftLog": name the damaged segment and the way out if there is one
            try {
                RaftLogCheck.verify(options.raftDir());
            } catch (CareledgerException damaged) {
                damaged.addSuppressed(e);
                throw damaged;
            }
            throw new CareledgerException("RAFT_START_FAILED", "cannot start the Raft server of " + options.selfOrg()
                    + ": " + e.getMessage(), e);
        }
        node.lostLogWatch = new LostLogWatch(RaftPeerId.valueOf(options.selfOrg()), groupId, () -> node.serverClosed.get()
                ? null : node.server, node.peerClient);
        node.lostLogWatch.start();
        node.orderer.start();
        node.signer.start();
        node.signer.rescan();
        LOG.info("Raft node {} started (group {}, {} peers, tls {}), ledger head {}", options.selfOrg(), groupId,
                group.getPeers().size(), options.tls() ? "on" : "off", ledger.head().height());
        return node;
    }

    /** The consortium's Raft group: its id is derived from the genesis hash, each org's node is a peer. */
    static RaftGroup group(Genesis genesis) {
        RaftGroupId groupId = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(genesis.hash().bytes()));
        List<RaftPeer> peers = new ArrayList<>();
        for (GenesisOrg org : genesis.orgs()) {
            peers.add(RaftPeer.newBuilder().setId(org.id())
                    .setAddress(org.node().host() + ":" + org.node().raftPort()).build());
        }
        return RaftGroup.valueOf(groupId, peers);
    }

    static Parameters tlsParameters(GrpcTlsConfig tls) {
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, tls);
        GrpcConfigKeys.Server.setTlsConf(parameters, tls);
        GrpcConfigKeys.Client.setTlsConf(parameters, tls);
        GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
        return parameters;
    }

    /** Orders admitted transactions through the consortium's Raft log. */
    public Orderer orderer() {
        return orderer;
    }

    /** Quorum certificates of this node's blocks. */
    public Finality finality() {
        return book;
    }

    /** True once this node found it forked from a quorum of the consortium; it then applies and orders nothing. */
    public boolean halted() {
        return stateMachine.haltReason() != null;
    }

    /**
     * Where this node's state machine stands against the Raft log, as far as this node knows.
     *
     * @param appliedIndex        the last log index this node's state machine applied
     * @param commitIndex         the highest commit index this node knows: its own, or any peer's the leader reported
     *                            in its last append (Ratis passes the leader's commit infos to followers)
     * @param catchUpTarget       while the node fetches blocks from peers (the leader purged the entries it lacks),
     *                            the leader's first log index, which it must reach; else -1
     * @param heardFromLeader     whether this node has been a leader or heard one since it started; before that its
     *                            commit index is only its own and says nothing about the cluster's
     * @param serverRunning       whether the Raft server runs (false after a halt, a failed apply, or close)
     * @param writeFailure        why this node could not write its Raft log or store (it then takes no entry until it
     *                            restarts), or null
     */
    public record Progress(long appliedIndex, long commitIndex, long catchUpTarget, boolean heardFromLeader,
                           boolean serverRunning, String writeFailure) {
        public Progress(long appliedIndex, long commitIndex, long catchUpTarget, boolean heardFromLeader,
                        boolean serverRunning) {
            this(appliedIndex, commitIndex, catchUpTarget, heardFromLeader, serverRunning, null);
        }

        /** Log entries committed (or, during a catch-up, purged by the leader) that this node has not applied. */
        public long lag() {
            return Math.max(0, Math.max(commitIndex, catchUpTarget - 1) - appliedIndex);
        }

        public boolean catchingUpFromPeers() {
            return catchUpTarget >= 0;
        }
    }

    private volatile boolean heardFromLeader;
    private volatile LostLogWatch lostLogWatch;

    /** This node's {@link Progress}; cheap (no I/O), meant for health checks. */
    public Progress progress() {
        org.apache.ratis.server.protocol.TermIndex applied = stateMachine.getLastAppliedTermIndex();
        long appliedIndex = applied == null ? -1 : applied.getIndex();
        long commit = appliedIndex;
        boolean running = false;
        RaftServer s = server;
        if (s != null && !serverClosed.get() && !halted()) {
            try {
                RaftServer.Division d = s.getDivision(groupId);
                DivisionInfo info = d.getInfo();
                org.apache.ratis.util.LifeCycle.State state = info.getLifeCycleState();
                running = !state.isClosingOrClosed() && state != org.apache.ratis.util.LifeCycle.State.EXCEPTION;
                if (info.isLeader() || info.getLeaderId() != null) {
                    heardFromLeader = true;
                }
                for (org.apache.ratis.proto.RaftProtos.CommitInfoProto c : d.getCommitInfos()) {
                    commit = Math.max(commit, c.getCommitIndex());
                }
            } catch (IOException | RuntimeException e) {
                running = false;
            }
        }
        return new Progress(appliedIndex, commit, stateMachine.catchUpTarget(), heardFromLeader, running,
                stateMachine.writeFailure());
    }

    /** Why the node halted (heights and both hashes), or null. */
    public String haltReason() {
        return stateMachine.haltReason();
    }

    /**
     * Stops ordering (entries in flight get a few seconds), stops the Raft server after it applied every entry
     * it knows to be committed, and leaves the ledger store as the last applied block left it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (lostLogWatch != null) {
                lostLogWatch.close();
            }
            orderer.close();
            signer.close();
            closeClients();
            closeServer();
        } finally {
            book.stop(new CareledgerException("NODE_STOPPING", "the node shut down"));
            LOG.info("Raft node {} stopped at ledger height {}", options.selfOrg(), ledger.head().height());
        }
    }

    /** Test hook: stop at once, as close to a killed process as one JVM allows (no draining, no snapshot). */
    void crash() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stateMachine.crashing();
        orderer.crash();
        signer.close();
        closeClients();
        closeServer();
        book.stop(new CareledgerException("NODE_STOPPING", "the node crashed"));
    }

    boolean isLeader() {
        return info().map(DivisionInfo::isLeader).orElse(false);
    }

    LedgerStateMachine stateMachine() {
        return stateMachine;
    }

    PeerCatchUp catchUp() {
        return catchUp;
    }

    BlockSigner signer() {
        return signer;
    }

    /** This member's current Raft term, or -1 while its server is not running. */
    public long term() {
        return info().map(DivisionInfo::getCurrentTerm).orElse(-1L);
    }

    private String role() {
        if (halted()) {
            return "halted";
        }
        return info().map(i -> {
            RaftPeerRole r = i.getCurrentRole();
            return r == null ? "unknown" : r.name().toLowerCase(Locale.ROOT);
        }).orElse("stopped");
    }

    private String leaderNodeId() {
        return info().map(DivisionInfo::getLeaderId)
                .flatMap(id -> options.genesis().org(id.toString()))
                .map(GenesisOrg::nodeId)
                .orElse("");
    }

    private java.util.Optional<DivisionInfo> info() {
        RaftServer s = server;
        if (s == null || serverClosed.get()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(s.getDivision(groupId).getInfo());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private ByteBuffer queryPeer(String peer, PeerQuery query) throws IOException {
        RaftClientReply reply = peerClient.io().sendStaleRead(message(query.toByteArray()), 0, RaftPeerId.valueOf(peer));
        if (!reply.isSuccess()) {
            throw new IOException("peer " + peer + " refused the query: " + reply.getException());
        }
        return reply.getMessage().getContent().asReadOnlyByteBuffer();
    }

    /**
     * An erasure compacted the erased blobs out of the live store; a snapshot now lets the state machine drop the
     * older checkpoints that still hold them, rather than at the next automatic snapshot thousands of entries later.
     */
    private void snapshotAfterErasure() {
        RaftServer s = server;
        if (s == null || closed.get()) {
            return;
        }
        Thread.ofVirtual().name("careledger-erasure-snapshot").start(() -> {
            try {
                RaftClientReply r = s.snapshotManagement(SnapshotManagementRequest.newCreate(ClientId.randomId(),
                        RaftPeerId.valueOf(options.selfOrg()), groupId, 0, 60_000, 1));
                if (!r.isSuccess()) {
                    LOG.warn("snapshot after an erasure failed: {}", r.getException() == null ? "" : r.getException().toString());
                }
            } catch (IOException | RuntimeException e) {
                if (!closed.get()) {
                    LOG.warn("snapshot after an erasure failed: {}", e.toString());
                }
            }
        });
    }

    private void forked(String reason) {
        stateMachine.halt(reason);
    }

    private void onHalt(String reason) {
        // the server is stopped from another thread: halting happens on Ratis' apply thread or the catch-up thread
        Thread.ofPlatform().name("careledger-halt").daemon(true).start(() -> {
            signer.close();
            closeServer();
        });
    }

    private void closeClients() {
        orderingClient.close();
        signatureClient.close();
        for (RaftClient c : List.of(peerClient)) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing a Raft client: {}", e.toString());
            }
        }
    }

    private void closeServer() {
        RaftServer s = server;
        if (s == null || !serverClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the Raft server of {}: {}", options.selfOrg(), e.toString());
        }
    }

    private static RaftClientReply requireSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new java.util.concurrent.CompletionException(reply.getException());
        }
        return reply;
    }

    private static Message message(byte[] bytes) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
    }

    private static RaftClient client(RaftGroup group, RaftProperties properties, Parameters parameters, RetryPolicy retry) {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setProperties(properties)
                .setParameters(parameters)
                .setRetryPolicy(retry)
                .build();
    }

    private static RaftProperties clientProperties(RaftNodeOptions options) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(
                Math.max(3_000, 2 * options.electionTimeoutMax().toMillis()), TimeUnit.MILLISECONDS));
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(64L * 1024 * 1024));
        return p;
    }

    static RaftProperties serverProperties(RaftNodeOptions options) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(options.raftDir().toFile()));
        InetSocketAddress bind = options.bindAddress() != null ? options.bindAddress()
                : new InetSocketAddress(options.self().node().host(), options.self().node().raftPort());
        GrpcConfigKeys.Server.setHost(p, bind.getHostString());
        GrpcConfigKeys.Server.setPort(p, bind.getPort());
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(64L * 1024 * 1024));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(options.electionTimeoutMin().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(options.electionTimeoutMax().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(
                Math.max(3_000, 2 * options.electionTimeoutMax().toMillis()), TimeUnit.MILLISECONDS));
        // a batch is at most 8 MiB of transactions; Ratis needs its write buffer above the largest entry
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(16L * 1024 * 1024));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(17L * 1024 * 1024));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(options.logSegmentBytes()));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(options.logSegmentBytes(), 4L * 1024 * 1024)));
        // snapshots are checkpoints; the log before one is purged even if a node is down (it then catches up from peers)
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, options.snapshotEvery());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.max(1, Math.min(1024, options.snapshotEvery())));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
        // Ratis 3.3.0's composed follower append tracks in-flight appends by first index only: a resent, longer
        // range with the same first index is answered SUCCESS without appending its tail. The leader then holds a
        // matchIndex the follower's log does not reach, never resends those entries, and the follower (typically a
        // restarted node catching up under load) stalls for good. The plain append path has no such shortcut.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        return p;
    }

    @Override
    public String toString() {
        return "RaftNode[" + options.selfOrg() + ", " + role() + "]";
    }
}
