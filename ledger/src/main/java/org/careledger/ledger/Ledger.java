package org.careledger.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.merkle.ConsistencyProof;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.MerkleLog;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxLocation;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.StoreCorruptedException;
import org.careledger.storage.WriteSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's ledger. Applying is single-threaded ({@link #apply} is synchronized) and deterministic; reads are
 * safe from any thread and see only committed blocks.
 */
public final class Ledger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    private final LedgerStore store;
    private final Genesis genesis;
    private final Hash genesisHash;
    private final IdentityDirectory identities;
    private final BlockExecutor executor;
    private final TxDecoder decoder;
    private final VerifiedSignatures verified = new VerifiedSignatures();
    private final List<Consumer<CommittedBlock>> listeners = new CopyOnWriteArrayList<>();
    private volatile ChainHead head;
    private volatile long erasures;

    private Ledger(LedgerStore store, Genesis genesis, ContractRegistry contracts, int maxTxBytes) {
        this.store = store;
        this.genesis = genesis;
        this.genesisHash = genesis.hash();
        this.identities = new IdentityDirectory(store);
        this.decoder = new TxDecoder(maxTxBytes);
        this.executor = new BlockExecutor(store, genesis.chainId(), contracts,
                genesis.domains().stream().map(GenesisDomain::id).collect(java.util.stream.Collectors.toSet()),
                identities, decoder, verified);
        this.head = loadHead();
    }

    /**
     * Opens the ledger in a store, writing genesis (and the genesis state) on first use. An existing store must
     * have been created from the same genesis.
     */
    public static Ledger open(LedgerStore store, Genesis genesis, ContractRegistry contracts) {
        return open(store, genesis, contracts, TxDecoder.DEFAULT_MAX_TX_BYTES);
    }

    public static Ledger open(LedgerStore store, Genesis genesis, ContractRegistry contracts, int maxTxBytes) {
        contracts.requireAll(genesis.domains());
        byte[] genesisBytes = genesis.toBytes();
        Optional<byte[]> stored = store.get(Column.META, MetaKeys.GENESIS);
        if (stored.isEmpty()) {
            WriteSet ws = new WriteSet();
            GenesisState.of(genesis).forEach((k, v) -> ws.put(Column.STATE, Keys.utf8(k), v));
            ws.put(Column.META, MetaKeys.GENESIS, genesisBytes);
            ws.put(Column.META, MetaKeys.HEAD, Keys.height(0));
            store.write(ws);
        } else if (!Arrays.equals(stored.get(), genesisBytes)) {
            throw new CareledgerException("GENESIS_MISMATCH", "the store at " + store.dir()
                    + " was created from a different genesis (" + Hash.sha256(stored.get()).hex().substring(0, 12)
                    + "…) than the one given (" + genesis.hash().hex().substring(0, 12) + "…)");
        }
        return new Ledger(store, genesis, contracts, maxTxBytes);
    }

    /** Reads the genesis a store was created from. */
    public static Optional<Genesis> storedGenesis(LedgerStore store) {
        return store.get(Column.META, MetaKeys.GENESIS).map(Genesis::parse);
    }

    private ChainHead loadHead() {
        long height = store.get(Column.META, MetaKeys.HEAD).map(Keys::height).orElse(0L);
        if (height == 0) {
            return new ChainHead(0, genesisHash, null, 0);
        }
        Block block = block(height).orElseThrow(() ->
                new StoreCorruptedException("head is at height " + height + " but that block is missing"));
        BlockHeader header = header(block);
        return new ChainHead(height, Hash.sha256(block.getHeader().toByteArray()), header, header.getLogSize());
    }

    /** Applies one ordered batch as the next block and returns it. */
    public synchronized CommittedBlock apply(OrderedBatch batch) {
        if (batch.txs().isEmpty()) {
            throw new IllegalArgumentException("an ordered batch needs at least one transaction");
        }
        BlockExecutor.Sealed sealed = executor.execute(head, batch);
        store.write(sealed.writes());
        if (sealed.purgedBlobs()) {
            // erasure: rewrite the blob files now so the destroyed ciphertext leaves the disk, not at some later compaction
            store.compact(Column.BLOBS);
            store.compact(Column.STAGED_BLOBS);
            erasures++;
        }
        sealed.touchedIdentities().forEach(identities::invalidate);
        CommittedBlock block = sealed.block();
        head = new ChainHead(block.height(), block.hash(), block.header(), block.header().getLogSize());
        for (Consumer<CommittedBlock> l : listeners) {
            try {
                l.accept(block);
            } catch (RuntimeException e) {
                LOG.warn("block listener failed at height {}: {}", block.height(), e.toString());
            }
        }
        return block;
    }

    /** How many applied blocks destroyed blobs (erasures) since this ledger was opened. */
    public long erasures() {
        return erasures;
    }

    public void addListener(Consumer<CommittedBlock> listener) {
        listeners.add(listener);
    }

    public ChainHead head() {
        return head;
    }

    public Genesis genesis() {
        return genesis;
    }

    public Hash genesisHash() {
        return genesisHash;
    }

    public TxDecoder decoder() {
        return decoder;
    }

    /** Last position of the ordered log reflected in the store (0 if none). */
    public long appliedIndex() {
        return store.get(Column.META, MetaKeys.APPLIED_INDEX).map(Keys::height).orElse(0L);
    }

    public Optional<Block> block(long height) {
        if (height < 1) {
            return Optional.empty();
        }
        return store.get(Column.BLOCKS, Keys.height(height)).map(bytes -> {
            try {
                return Block.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new StoreCorruptedException("block " + height + " does not parse: " + e.getMessage(), e);
            }
        });
    }

    /** The {@code results_digest} a header must carry for these results (SHA-256 over each, length-prefixed). */
    public static byte[] resultsDigest(List<org.careledger.core.proto.TxResult> results) {
        return BlockExecutor.resultsDigest(results);
    }

    public static BlockHeader header(Block block) {
        try {
            return BlockHeader.parseFrom(block.getHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new StoreCorruptedException("a block header does not parse: " + e.getMessage(), e);
        }
    }

    public Optional<TxLocation> location(Hash txId) {
        return store.get(Column.TX_INDEX, txId.bytes()).map(bytes -> {
            try {
                return TxLocation.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new StoreCorruptedException("tx index entry of " + txId + " does not parse", e);
            }
        });
    }

    /** Inclusion proof of a log position in the tree of the given size (≤ current log size). */
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        long size = head.logSize();
        if (treeSize > size || logIndex >= treeSize) {
            throw new CareledgerException("PROOF_OUT_OF_RANGE", "cannot prove index " + logIndex + " in a tree of "
                    + treeSize + "; the log holds " + size);
        }
        return new MerkleLog(new CommittedMerkleNodes(store), size).inclusionProof(logIndex, treeSize);
    }

    public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        long size = head.logSize();
        if (firstSize < 1 || firstSize > secondSize || secondSize > size) {
            throw new CareledgerException("PROOF_OUT_OF_RANGE", "consistency needs 1 ≤ first ≤ second ≤ " + size
                    + ", got " + firstSize + " and " + secondSize);
        }
        return new MerkleLog(new CommittedMerkleNodes(store), size).consistencyProof(firstSize, secondSize);
    }

    public byte[] logRoot(long size) {
        return new MerkleLog(new CommittedMerkleNodes(store), head.logSize()).root(size);
    }

    /** An off-chain blob (e.g. ciphertext) by its SHA-256, if this node holds it and it was not purged. */
    /**
     * Blobs that valid transactions attached but this node never received (it re-executed fetched blocks, which
     * carry no blobs), not erased since: what to ask a peer for.
     */
    public List<Hash> wantedBlobs(int limit) {
        List<Hash> wanted = new ArrayList<>();
        store.forEach(Column.META, MetaKeys.WANTED_BLOB_PREFIX, limit, (k, v) -> wanted.add(
                Hash.of(Arrays.copyOfRange(k, MetaKeys.WANTED_BLOB_PREFIX.length, k.length))));
        return wanted;
    }

    /**
     * Stores blobs a peer sent for {@link #wantedBlobs}: only those still wanted and matching their hash, so nothing
     * erased meanwhile comes back. Serialized with {@link #apply}. Returns how many were stored.
     */
    public synchronized int restoreBlobs(List<byte[]> blobs) {
        WriteSet ws = new WriteSet();
        int stored = 0;
        for (byte[] blob : blobs) {
            Hash h = Hash.sha256(blob);
            if (store.get(Column.META, MetaKeys.wantedBlob(h)).isPresent()) {
                ws.put(Column.BLOBS, h.bytes(), blob);
                ws.delete(Column.META, MetaKeys.wantedBlob(h));
                stored++;
            }
        }
        if (!ws.isEmpty()) {
            store.write(ws);
        }
        return stored;
    }

    public Optional<byte[]> blob(Hash sha256) {
        return store.get(Column.BLOBS, sha256.bytes());
    }

    public Optional<byte[]> state(String key) {
        return store.get(Column.STATE, Keys.utf8(key));
    }

    public SortedMap<String, byte[]> scanState(String prefix, int limit) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        store.scan(Column.STATE, Keys.utf8(prefix), limit).forEach((k, v) -> out.put(Keys.utf8(k), v));
        return out;
    }

    public Optional<Identity> identity(String id) {
        return identities.find(id);
    }

    /** True when (signer, nonce) is already committed: a resubmission would be a replay. */
    public boolean nonceUsed(String signerId, long nonce) {
        return state(StateKeys.nonce(signerId, nonce)).isPresent();
    }

    /** Admission tells the ledger which signatures it checked, so the apply path need not check them again. */
    void rememberVerified(DecodedTx tx, Identity signer) {
        verified.remember(tx, signer);
    }

    public LedgerStore store() {
        return store;
    }

    /** Blocks in [from, to], for catch-up and the explorer. */
    public List<Block> blocks(long from, long to) {
        List<Block> out = new ArrayList<>();
        for (long h = Math.max(1, from); h <= Math.min(to, head.height()); h++) {
            block(h).ifPresent(out::add);
        }
        return out;
    }

    Map<String, byte[]> genesisState() {
        return GenesisState.of(genesis);
    }

    @Override
    public void close() {
        store.close();
    }
}
