package org.careledger.consensus;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.careledger.consensus.proto.ConflictingSignatures;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockSignature;
import org.careledger.core.proto.QuorumCertificate;
import org.careledger.ledger.Ledger;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.StoreCorruptedException;
import org.careledger.storage.WriteSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quorum certificates of this node's blocks, kept in the store's CERTIFICATES column: under the 8-byte height
 * key a {@link QuorumCertificate} holding only the signatures over <em>this node's</em> block hash; under the height
 * key plus {@code 'x'} the {@link ConflictingSignatures} over any other hash (fork evidence); under
 * {@code final-height} the highest height up to which every block is final.
 *
 * <p>Signatures arrive as Raft entries, so every node records them in the same order; {@link #record} runs on the
 * single apply thread. A signature over a hash that differs from ours is logged at ERROR with both hashes; when a
 * quorum of <em>other</em> nodes signed one such hash, this node is the one that forked and the fork listener is
 * told, once.
 */
final class CertificateBook implements Finality {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateBook.class);
    private static final byte[] FINAL_HEIGHT_KEY = Keys.utf8("final-height");
    private static final HexFormat HEX = HexFormat.of();

    private final Ledger ledger;
    private final NodeKeys keys;
    private final String selfNodeId;
    private final int quorum;
    private final Consumer<String> onFork;
    private final Map<Long, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    private final Map<Long, Hash> recentHashes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Hash> eldest) {
            return size() > 4096;
        }
    };
    private volatile long finalHeight;
    private volatile CareledgerException stopped;

    CertificateBook(Ledger ledger, NodeKeys keys, String selfNodeId, int quorum, Consumer<String> onFork) {
        this.ledger = ledger;
        this.keys = keys;
        this.selfNodeId = selfNodeId;
        this.quorum = quorum;
        this.onFork = onFork;
        long stored = ledger.store().get(Column.CERTIFICATES, FINAL_HEIGHT_KEY).map(Keys::height).orElse(0L);
        this.finalHeight = Math.min(stored, ledger.head().height());
        advanceFinalHeight(null);
    }

    static byte[] certificateKey(long height) {
        return Keys.height(height);
    }

    static byte[] conflictKey(long height) {
        return ByteBuffer.allocate(Long.BYTES + 1).putLong(height).put((byte) 'x').array();
    }

    /**
     * Records the signatures of one Raft entry (or of a peer's certificates during catch-up) in one atomic write.
     * Invalid ones (unknown node, bad signature, a block this node does not have) are dropped with a warning.
     */
    synchronized void record(List<BlockSignature> signatures) {
        long head = ledger.head().height();
        Map<Long, QuorumCertificate.Builder> certificates = new TreeMap<>();
        Map<Long, ConflictingSignatures.Builder> conflicts = new TreeMap<>();
        String fork = null;
        for (BlockSignature s : signatures) {
            long h = s.getHeight();
            if (!keys.isNode(s.getNodeId())) {
                LOG.warn("dropping a signature for block {} from {}: not a node of the consortium", h, s.getNodeId());
                continue;
            }
            if (h < 1 || h > head) {
                LOG.warn("dropping a signature of {} for block {}: this node's chain ends at {}", s.getNodeId(), h, head);
                continue;
            }
            if (!keys.verifies(s)) {
                LOG.warn("dropping a signature of {} for block {}: it does not verify under the node's genesis key",
                        s.getNodeId(), h);
                continue;
            }
            Hash ours = blockHash(h);
            if (ByteString.copyFrom(ours.bytes()).equals(s.getBlockHash())) {
                QuorumCertificate.Builder qc = certificates.computeIfAbsent(h, k -> loadCertificate(k, ours).toBuilder());
                if (qc.getSignaturesList().stream().noneMatch(x -> x.getNodeId().equals(s.getNodeId()))) {
                    qc.addSignatures(s);
                }
                continue;
            }
            String theirs = HEX.formatHex(s.getBlockHash().toByteArray());
            LOG.error("FORK: {} signed block {} with hash {} but this node's block {} has hash {}", s.getNodeId(), h,
                    theirs, h, ours.hex());
            ConflictingSignatures.Builder c = conflicts.computeIfAbsent(h, this::loadConflicts);
            boolean known = c.getSignaturesList().stream().anyMatch(x -> x.getNodeId().equals(s.getNodeId())
                    && x.getBlockHash().equals(s.getBlockHash()));
            if (!known) {
                c.addSignatures(s);
            }
            TreeSet<String> agreeing = new TreeSet<>();
            c.getSignaturesList().stream()
                    .filter(x -> x.getBlockHash().equals(s.getBlockHash()) && !x.getNodeId().equals(selfNodeId))
                    .forEach(x -> agreeing.add(x.getNodeId()));
            if (agreeing.size() >= quorum && fork == null) {
                fork = "block " + h + " forked: a quorum of " + agreeing.size() + " nodes " + agreeing
                        + " signed hash " + theirs + " but this node computed " + ours.hex();
            }
        }
        WriteSet ws = new WriteSet();
        certificates.forEach((h, qc) -> ws.put(Column.CERTIFICATES, certificateKey(h), qc.build().toByteArray()));
        conflicts.forEach((h, c) -> ws.put(Column.CERTIFICATES, conflictKey(h), c.build().toByteArray()));
        if (!ws.isEmpty()) {
            ledger.store().write(ws);
        }
        for (Map.Entry<Long, QuorumCertificate.Builder> e : certificates.entrySet()) {
            if (e.getValue().getSignaturesCount() >= quorum) {
                CompletableFuture<Void> w = waiters.remove(e.getKey());
                if (w != null) {
                    w.complete(null);
                }
            }
        }
        advanceFinalHeight(certificates);
        if (fork != null) {
            LOG.error("FORK: {}; this node stops rather than serve a chain the consortium did not sign", fork);
            onFork.accept(fork);
        }
    }

    /** Heights in [from, to] whose certificate lacks the given node's signature, with this node's block hash. */
    Map<Long, Hash> unsignedBy(String nodeId, long from, long to, int limit) {
        Map<Long, Hash> out = new TreeMap<>();
        for (long h = Math.max(1, from); h <= Math.min(to, ledger.head().height()) && out.size() < limit; h++) {
            Optional<QuorumCertificate> qc = certificate(h);
            if (qc.isEmpty() || qc.get().getSignaturesList().stream().noneMatch(s -> s.getNodeId().equals(nodeId))) {
                out.put(h, blockHash(h));
            }
        }
        return out;
    }

    /** Signatures this node holds for heights in [from, to], as certificates (for a peer that catches up). */
    List<QuorumCertificate> certificates(long from, long to, int limit) {
        List<QuorumCertificate> out = new ArrayList<>();
        for (long h = Math.max(1, from); h <= Math.min(to, ledger.head().height()) && out.size() < limit; h++) {
            certificate(h).ifPresent(out::add);
        }
        return out;
    }

    Hash blockHash(long height) {
        synchronized (recentHashes) {
            Hash cached = recentHashes.get(height);
            if (cached != null) {
                return cached;
            }
        }
        Hash hash = ledger.block(height).map(b -> Hash.sha256(b.getHeader().toByteArray())).orElseThrow(() ->
                new StoreCorruptedException("block " + height + " is missing below the head"));
        remember(height, hash);
        return hash;
    }

    void remember(long height, Hash hash) {
        synchronized (recentHashes) {
            recentHashes.put(height, hash);
        }
    }

    /** Fails every waiter: the node halted or is shutting down. */
    void stop(CareledgerException why) {
        stopped = why;
        waiters.values().forEach(w -> w.completeExceptionally(why));
        waiters.clear();
    }

    @Override
    public CompletableFuture<Void> awaitFinal(long height) {
        if (height <= finalHeight) {
            return CompletableFuture.completedFuture(null);
        }
        CareledgerException why = stopped;
        if (why != null) {
            return CompletableFuture.failedFuture(why);
        }
        CompletableFuture<Void> w = waiters.computeIfAbsent(height, h -> new CompletableFuture<>());
        // the certificate may have been completed between the check above and the registration
        if (height <= finalHeight || isFinal(height)) {
            waiters.remove(height, w);
            w.complete(null);
        } else if ((why = stopped) != null) {
            w.completeExceptionally(why);
        }
        return w;
    }

    @Override
    public long finalHeight() {
        return finalHeight;
    }

    @Override
    public Optional<QuorumCertificate> certificate(long height) {
        if (height < 1) {
            return Optional.empty();
        }
        return ledger.store().get(Column.CERTIFICATES, certificateKey(height)).map(CertificateBook::parseCertificate);
    }

    @Override
    public int quorum() {
        return quorum;
    }

    private boolean isFinal(long height) {
        return certificate(height).map(qc -> qc.getSignaturesCount() >= quorum).orElse(false);
    }

    private void advanceFinalHeight(Map<Long, QuorumCertificate.Builder> justWritten) {
        long head = ledger.head().height();
        long h = finalHeight;
        while (h < head) {
            QuorumCertificate.Builder fresh = justWritten == null ? null : justWritten.get(h + 1);
            boolean isFinal = fresh != null ? fresh.getSignaturesCount() >= quorum : isFinal(h + 1);
            if (!isFinal) {
                break;
            }
            h++;
        }
        if (h > finalHeight) {
            finalHeight = h;
            ledger.store().write(new WriteSet().put(Column.CERTIFICATES, FINAL_HEIGHT_KEY, Keys.height(h)));
            long reached = h;
            waiters.keySet().removeIf(k -> {
                if (k <= reached) {
                    CompletableFuture<Void> w = waiters.get(k);
                    if (w != null) {
                        w.complete(null);
                    }
                    return true;
                }
                return false;
            });
        }
    }

    private QuorumCertificate loadCertificate(long height, Hash ours) {
        return certificate(height).orElseGet(() -> QuorumCertificate.newBuilder().setHeight(height)
                .setBlockHash(ByteString.copyFrom(ours.bytes())).build());
    }

    private ConflictingSignatures.Builder loadConflicts(long height) {
        return ledger.store().get(Column.CERTIFICATES, conflictKey(height)).map(bytes -> {
            try {
                return ConflictingSignatures.parseFrom(bytes).toBuilder();
            } catch (InvalidProtocolBufferException e) {
                throw new StoreCorruptedException("conflicting signatures of block " + height + " do not parse", e);
            }
        }).orElseGet(() -> ConflictingSignatures.newBuilder().setHeight(height));
    }

    static QuorumCertificate parseCertificate(byte[] bytes) {
        try {
            return QuorumCertificate.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreCorruptedException("a quorum certificate does not parse: " + e.getMessage(), e);
        }
    }
}
