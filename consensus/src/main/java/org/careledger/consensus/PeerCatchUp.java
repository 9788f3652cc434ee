package org.careledger.consensus;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ratis.server.protocol.TermIndex;
import org.careledger.consensus.proto.BlobBundle;
import org.careledger.consensus.proto.BlobsRequest;
import org.careledger.consensus.proto.BlocksReply;
import org.careledger.consensus.proto.BlocksRequest;
import org.careledger.consensus.proto.CertificatesReply;
import org.careledger.consensus.proto.CertificatesRequest;
import org.careledger.consensus.proto.PeerQuery;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.QuorumCertificate;
import org.careledger.ledger.CommittedBlock;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a node whose missing log entries the leader has purged up to date without copying anyone's database:
 * it asks a peer (the leader first) for the blocks after its head, re-executes each one through
 * {@link Ledger#apply} with the header's log index, time and proposer, and requires the hash it computes to be the
 * peer's. A difference means this node (or the peer) diverged: the node halts rather than guess. Then it takes the
 * peers' certificates for its non-final blocks (each signature re-verified) and checkpoints the store at the Raft
 * position the peer's state reflected, which Ratis resumes from.
 */
final class PeerCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCatchUp.class);

    /** Sends a read-only query to one peer (by org id) and returns its reply. */
    interface PeerQueries {
        ByteBuffer query(String peer, PeerQuery query) throws IOException;
    }

    private final Ledger ledger;
    private final Genesis genesis;
    private final String selfOrg;
    private final LedgerStateMachine stateMachine;
    private final CertificateBook book;
    private final PeerQueries peers;
    private final Runnable afterCatchUp;
    private volatile long blocksFetched;
    private volatile long blobsFetched;
    private volatile int completed;

    PeerCatchUp(Ledger ledger, Genesis genesis, String selfOrg, LedgerStateMachine stateMachine, CertificateBook book,
                PeerQueries peers, Runnable afterCatchUp) {
        this.ledger = ledger;
        this.genesis = genesis;
        this.selfOrg = selfOrg;
        this.stateMachine = stateMachine;
        this.book = book;
        this.peers = peers;
        this.afterCatchUp = afterCatchUp;
    }

    long blocksFetched() {
        return blocksFetched;
    }

    int completed() {
        return completed;
    }

    private static final class Divergence extends RuntimeException {
        Divergence(String message) {
            super(message);
        }
    }

    TermIndex run(String leader, TermIndex firstAvailable) {
        List<String> candidates = new ArrayList<>();
        if (leader != null && !leader.equals(selfOrg)) {
            candidates.add(leader);
        }
        for (GenesisOrg org : genesis.orgs()) {
            if (!org.id().equals(selfOrg) && !candidates.contains(org.id())) {
                candidates.add(org.id());
            }
        }
        TermIndex best = null;
        Exception lastFailure = null;
        for (String peer : candidates) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                TermIndex reached = fetchFrom(peer);
                if (best == null || reached.compareTo(best) > 0) {
                    best = reached;
                }
                if (reached.getIndex() + 1 >= firstAvailable.getIndex()) {
                    break;
                }
                LOG.info("peer {} reflects log index {}, short of the leader's first entry {}; trying another peer",
                        peer, reached.getIndex(), firstAvailable.getIndex());
            } catch (Divergence e) {
                stateMachine.halt(e.getMessage());
                throw new CompletionException(new CareledgerException("NODE_HALTED", e.getMessage()));
            } catch (IOException | RuntimeException e) {
                lastFailure = e;
                LOG.warn("catching up from {} failed: {}", peer, e.toString());
            }
        }
        if (best == null) {
            throw new CompletionException(new CareledgerException("CATCH_UP_FAILED",
                    "no peer could serve the blocks after height " + ledger.head().height()
                            + (lastFailure == null ? "" : " (last error: " + lastFailure + ")")));
        }
        fetchWantedBlobs(candidates);
        finish(best);
        return best;
    }

    /**
     * Re-executed blocks carry no blobs: ask peers for the ciphertext that valid transactions attached, so this node
     * serves it like every other. Erased blobs are not wanted (their erasure was re-executed too) and a peer never
     * sends what it erased. Blobs no peer holds stay wanted and are asked for at the next catch-up.
     */
    private void fetchWantedBlobs(List<String> candidates) {
        for (String peer : candidates) {
            List<Hash> wanted = ledger.wantedBlobs(256);
            if (wanted.isEmpty()) {
                return;
            }
            try {
                int stored;
                do {
                    BlobsRequest.Builder req = BlobsRequest.newBuilder();
                    wanted.forEach(h -> req.addHashes(ByteString.copyFrom(h.bytes())));
                    BlobBundle reply = BlobBundle.parseFrom(peers.query(peer, PeerQuery.newBuilder().setBlobs(req).build()));
                    stored = ledger.restoreBlobs(reply.getBlobsList().stream().map(ByteString::toByteArray).toList());
                    blobsFetched += stored;
                    wanted = ledger.wantedBlobs(256);
                } while (stored > 0 && !wanted.isEmpty());
            } catch (IOException | RuntimeException e) {
                LOG.warn("fetching blobs from {} failed: {}", peer, e.toString());
            }
        }
        List<Hash> left = ledger.wantedBlobs(Integer.MAX_VALUE);
        if (!left.isEmpty()) {
            LOG.warn("{} blob(s) attached by committed transactions are held by no reachable peer", left.size());
        }
    }

    long blobsFetched() {
        return blobsFetched;
    }

    private TermIndex fetchFrom(String peer) throws IOException {
        long fetched = 0;
        while (true) {
            long next = ledger.head().height() + 1;
            BlocksReply reply = BlocksReply.parseFrom(peers.query(peer, PeerQuery.newBuilder()
                    .setBlocks(BlocksRequest.newBuilder().setFromHeight(next)
                            .setMaxBlocks(LedgerStateMachine.MAX_BLOCKS_PER_REPLY)).build()));
            if (reply.getHeadHeight() < next - 1) {
                throw new IOException("peer " + peer + " is at height " + reply.getHeadHeight() + ", behind this node ("
                        + (next - 1) + ")");
            }
            for (Block block : reply.getBlocksList()) {
                apply(peer, block);
                fetched++;
                blocksFetched++;
            }
            long head = ledger.head().height();
            if (head >= reply.getHeadHeight()) {
                Hash ours = head == 0 ? ledger.genesisHash() : book.blockHash(reply.getHeadHeight());
                if (!ByteString.copyFrom(ours.bytes()).equals(reply.getHeadHash())) {
                    throw new Divergence("block " + reply.getHeadHeight() + " of this node has hash " + ours.hex()
                            + " but peer " + peer + " has " + Hash.of(reply.getHeadHash().toByteArray()).hex());
                }
                mergeCertificates(peer, reply.getHeadHeight());
                LOG.info("caught up from {}: {} block(s) re-executed, head {} at log index {}", peer, fetched, head,
                        reply.getAppliedIndex());
                return TermIndex.valueOf(reply.getAppliedTerm(), reply.getAppliedIndex());
            }
            if (reply.getBlocksCount() == 0) {
                throw new IOException("peer " + peer + " reports head " + reply.getHeadHeight() + " but sent no blocks");
            }
        }
    }

    private void apply(String peer, Block block) {
        BlockHeader header = Ledger.header(block);
        Hash theirs = Hash.sha256(block.getHeader().toByteArray());
        ReentrantLock lock = stateMachine.applyLock();
        lock.lock();
        try {
            if (stateMachine.haltReason() != null) {
                throw new Divergence(stateMachine.haltReason());
            }
            long expected = ledger.head().height() + 1;
            if (header.getHeight() < expected) {
                // the local log applied it meanwhile: it must be the same block
                Hash ours = book.blockHash(header.getHeight());
                if (!ours.equals(theirs)) {
                    throw new Divergence("block " + header.getHeight() + " of this node has hash " + ours.hex()
                            + " but peer " + peer + " served " + theirs.hex());
                }
                return;
            }
            if (header.getHeight() != expected || header.getLogIndex() <= ledger.appliedIndex()) {
                throw new CompletionException(new IOException("peer " + peer + " sent block " + header.getHeight()
                        + " at log index " + header.getLogIndex() + " but this node expects block " + expected
                        + " after log index " + ledger.appliedIndex()));
            }
            CommittedBlock ours = ledger.apply(new OrderedBatch(header.getLogIndex(), header.getTimestampMillis(),
                    header.getProposer(), block.getTxsList()));
            if (!ours.hash().equals(theirs)) {
                throw new Divergence("re-executing block " + header.getHeight() + " from peer " + peer + " gives hash "
                        + ours.hash().hex() + ", the peer's block has " + theirs.hex());
            }
            book.remember(ours.height(), ours.hash());
        } finally {
            lock.unlock();
        }
    }

    private void mergeCertificates(String peer, long upTo) throws IOException {
        long from = book.finalHeight() + 1;
        while (from <= upTo) {
            CertificatesReply reply = CertificatesReply.parseFrom(peers.query(peer, PeerQuery.newBuilder()
                    .setCertificates(CertificatesRequest.newBuilder().setFromHeight(from).setToHeight(upTo)).build()));
            if (reply.getCertificatesCount() == 0) {
                return;
            }
            ReentrantLock lock = stateMachine.applyLock();
            lock.lock();
            try {
                for (QuorumCertificate qc : reply.getCertificatesList()) {
                    book.record(qc.getSignaturesList());
                }
            } finally {
                lock.unlock();
            }
            from = reply.getCertificates(reply.getCertificatesCount() - 1).getHeight() + 1;
        }
    }

    private void finish(TermIndex reached) {
        ReentrantLock lock = stateMachine.applyLock();
        lock.lock();
        try {
            stateMachine.checkpoints().take(ledger.store(), reached, ledger.head());
        } catch (IOException e) {
            throw new CompletionException(e);
        } finally {
            lock.unlock();
        }
        completed++;
        afterCatchUp.run();
    }
}
