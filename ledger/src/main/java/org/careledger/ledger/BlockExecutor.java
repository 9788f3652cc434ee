package org.careledger.ledger;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.ExecutionContext;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.KeyNamespace;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.contract.TxState;
import org.careledger.core.merkle.MerkleLog;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxLocation;
import org.careledger.core.proto.TxResult;
import org.careledger.core.proto.ValidationCode;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.RocksMerkleNodeStore;
import org.careledger.storage.WriteSet;

/**
 * Builds the next block from an ordered batch: re-verifies every transaction (signatures in parallel, the rest
 * in order), runs the contracts, appends every tx id to the Merkle log and collects all writes into one
 * {@link WriteSet}. Deterministic: the result depends only on the committed store and the batch.
 */
final class BlockExecutor {
    private final LedgerStore store;
    private final String chainId;
    private final ContractRegistry contracts;
    private final IdentityDirectory identities;
    private final TxDecoder decoder;
    private final VerifiedSignatures verified;
    private final Set<String> domains;

    /** @param domains ids of the domains genesis lists: only their contracts run */
    BlockExecutor(LedgerStore store, String chainId, ContractRegistry contracts, Set<String> domains,
                  IdentityDirectory identities, TxDecoder decoder, VerifiedSignatures verified) {
        this.verified = verified;
        this.domains = Set.copyOf(domains);
        this.store = store;
        this.chainId = chainId;
        this.contracts = contracts;
        this.identities = identities;
        this.decoder = decoder;
    }

    record Sealed(CommittedBlock block, WriteSet writes, Set<String> touchedIdentities, boolean purgedBlobs) {}

    /** Blob requests of the block's valid transactions, in order: the last request for a hash wins. */
    private static final class BlobRequests {
        final java.util.LinkedHashMap<Hash, Boolean> keep = new java.util.LinkedHashMap<>();
    }

    /** The outcome of the checks that need no state other than committed identities, done in parallel. */
    private record Precheck(DecodedTx tx, CareledgerException malformed, Identity signer, boolean signatureValid) {}

    Sealed execute(ChainHead head, OrderedBatch batch) {
        long height = head.height() + 1;
        // proposers' clocks differ; block time never runs backwards (deterministic: from the log and the head only)
        long time = head.header() == null ? batch.timestampMillis()
                : Math.max(head.header().getTimestampMillis(), batch.timestampMillis());
        List<TxEnvelope> txs = batch.txs();
        Precheck[] pre = new Precheck[txs.size()];
        IntStream.range(0, txs.size()).parallel().forEach(i -> pre[i] = precheck(txs.get(i)));

        BlockState state = new BlockState(store);
        RocksMerkleNodeStore nodes = new RocksMerkleNodeStore(store);
        MerkleLog log = new MerkleLog(nodes, head.logSize());
        WriteSet writes = new WriteSet();
        List<TxResult> results = new ArrayList<>(txs.size());
        List<Hash> txIds = new ArrayList<>(txs.size());
        Set<Hash> indexedInBlock = new HashSet<>();
        BlobRequests blobs = new BlobRequests();
        for (int i = 0; i < txs.size(); i++) {
            Precheck p = pre[i];
            Hash txId = p.tx() != null ? p.tx().txId() : Hash.sha256(txs.get(i).getPayload().toByteArray());
            TxResult result = p.malformed() != null
                    ? failure(ValidationCode.MALFORMED, p.malformed())
                    : apply(p, height, time, state, blobs);
            results.add(result);
            txIds.add(txId);
            long logIndex = log.size();
            log.append(txId.bytes());
            byte[] indexKey = txId.bytes();
            if (indexedInBlock.add(txId) && store.get(Column.TX_INDEX, indexKey).isEmpty()) {
                writes.put(Column.TX_INDEX, indexKey, TxLocation.newBuilder().setHeight(height).setIndex(i)
                        .setLogIndex(logIndex).build().toByteArray());
            }
        }
        nodes.drainInto(writes);
        boolean purged = false;
        for (Map.Entry<Hash, Boolean> b : blobs.keep.entrySet()) {
            if (b.getValue()) {
                byte[] data = batch.blobs().get(b.getKey());
                if (data != null && Hash.sha256(data).equals(b.getKey())) {
                    writes.put(Column.BLOBS, b.getKey().bytes(), data);
                } else if (store.get(Column.BLOBS, b.getKey().bytes()).isEmpty()) {
                    // a node that re-executes fetched blocks gets no blobs with them: remember to ask a peer
                    writes.put(Column.META, MetaKeys.wantedBlob(b.getKey()), new byte[0]);
                }
            } else {
                writes.delete(Column.BLOBS, b.getKey().bytes());
                writes.delete(Column.META, MetaKeys.wantedBlob(b.getKey()));
                purged = true;
            }
        }
        Set<String> touched = new HashSet<>();
        for (Map.Entry<String, byte[]> w : state.writes().entrySet()) {
            writes.put(Column.STATE, Keys.utf8(w.getKey()), w.getValue());
            if (w.getKey().startsWith(StateKeys.IDENTITY_PREFIX)) {
                touched.add(w.getKey().substring(StateKeys.IDENTITY_PREFIX.length()));
            }
        }
        BlockHeader header = BlockHeader.newBuilder()
                .setChainId(chainId)
                .setHeight(height)
                .setPrevHash(ByteString.copyFrom(head.hash().bytes()))
                .setTimestampMillis(time)
                .setLogSize(log.size())
                .setLogRoot(ByteString.copyFrom(log.root()))
                .setResultsDigest(ByteString.copyFrom(resultsDigest(results)))
                .setStateDigest(ByteString.copyFrom(stateDigest(state)))
                .setTxCount(txs.size())
                .setProposer(batch.proposer())
                .setLogIndex(batch.logIndex())
                .build();
        byte[] headerBytes = header.toByteArray();
        Block block = Block.newBuilder().setHeader(ByteString.copyFrom(headerBytes)).addAllTxs(txs).addAllResults(results).build();
        Hash hash = Hash.sha256(headerBytes);
        writes.put(Column.BLOCKS, Keys.height(height), block.toByteArray());
        writes.put(Column.META, MetaKeys.HEAD, Keys.height(height));
        writes.put(Column.META, MetaKeys.APPLIED_INDEX, Keys.height(batch.logIndex()));
        return new Sealed(new CommittedBlock(hash, header, block, txIds), writes, touched, purged);
    }

    private Precheck precheck(TxEnvelope envelope) {
        // this node admitted the envelope: reuse its decode (and its tx id hash), and its signature check if the
        // signer's key is still the one it was checked under
        VerifiedSignatures.Checked admitted = verified.take(envelope);
        DecodedTx tx;
        if (admitted != null) {
            tx = admitted.tx();
        } else {
            try {
                tx = decoder.decode(envelope);
            } catch (CareledgerException e) {
                return new Precheck(null, e, null, false);
            }
        }
        Identity signer = identities.find(tx.payload().getSignerId()).orElse(null);
        boolean valid = signer != null && ((admitted != null && admitted.verifiedFor(signer)) || verify(signer, tx));
        return new Precheck(tx, null, signer, valid);
    }

    static boolean verify(Identity signer, DecodedTx tx) {
        SignatureAlgorithm alg;
        try {
            alg = SignatureAlgorithm.valueOf(signer.algorithm());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return SignatureVerifier.verify(alg, signer.publicKey(), tx.envelope().getPayload().toByteArray(),
                tx.envelope().getSignature().toByteArray());
    }

    private TxResult apply(Precheck p, long height, long time, BlockState state, BlobRequests blobs) {
        DecodedTx tx = p.tx();
        String signerId = tx.payload().getSignerId();
        if (!tx.payload().getChainId().equals(chainId)) {
            return failure(ValidationCode.WRONG_CHAIN, "TX_WRONG_CHAIN",
                    "transaction is for chain '" + tx.payload().getChainId() + "', this is '" + chainId + "'");
        }
        // an identity written earlier in this block (registered, rotated, revoked) overrides the precheck
        String identityKey = StateKeys.identity(signerId);
        Identity signer;
        boolean signatureValid;
        if (state.wrote(identityKey)) {
            signer = state.get(identityKey).map(IdentityDirectory::decode).orElse(null);
            signatureValid = signer != null && verify(signer, tx);
        } else {
            signer = p.signer();
            signatureValid = p.signatureValid();
        }
        if (signer == null) {
            return failure(ValidationCode.UNKNOWN_SIGNER, "TX_UNKNOWN_SIGNER", "signer " + signerId + " is not registered");
        }
        if (!signatureValid) {
            return failure(ValidationCode.BAD_SIGNATURE, "TX_SIGNATURE_INVALID",
                    "signature does not verify for signer " + signerId);
        }
        String nonceKey = StateKeys.nonce(signerId, tx.payload().getNonce());
        if (state.get(nonceKey).isPresent()) {
            return failure(ValidationCode.REPLAY, "TX_REPLAY",
                    "nonce " + tx.payload().getNonce() + " of " + signerId + " was already used");
        }
        Optional<ContractRegistry.Entry> entry = contracts.entry(tx.payload().getContract());
        TxResult result;
        if (entry.isEmpty()) {
            result = failure(ValidationCode.CONTRACT_ERROR, "CONTRACT_UNKNOWN",
                    "no contract named '" + tx.payload().getContract() + "'");
        } else if (!domains.contains(entry.get().domain().id())) {
            result = failure(ValidationCode.CONTRACT_ERROR, "DOMAIN_NOT_IN_GENESIS", "contract '"
                    + tx.payload().getContract() + "' is of domain '" + entry.get().domain().id()
                    + "', which this network's genesis does not list");
        } else {
            KeyNamespace namespace = entry.get().domain().namespace();
            TxState txState = new TxState(state, namespace);
            ExecutionContext ctx = new ExecutionContext(tx.txId(), signer, height, time, txState,
                    id -> lookup(state, txState, id));
            try {
                entry.get().contract().execute(ctx, tx.payload().getMethod(), tx.payload().getArgs().toByteArray());
                if (txState.violation() != null) {
                    throw txState.violation();
                }
                state.merge(txState.writes());
                ctx.attachedBlobs().forEach(h -> blobs.keep.put(h, true));
                ctx.purgedBlobs().forEach(h -> blobs.keep.put(h, false));
                result = TxResult.newBuilder().setCode(ValidationCode.VALID).addAllEvents(ctx.events()).build();
            } catch (ContractException e) {
                // a write outside the namespace decides the outcome even if the contract caught it and went on
                result = txState.violation() != null ? failure(ValidationCode.CONTRACT_ERROR, txState.violation())
                        : refusal(e, tx.txId(), signer, height, time, state, namespace);
            } catch (CareledgerException e) {
                result = failure(ValidationCode.CONTRACT_ERROR, txState.violation() != null ? txState.violation() : e);
            } catch (RuntimeException e) {
                // a contract bug or bad arguments it did not anticipate: deterministic, so every node agrees
                result = txState.violation() != null ? failure(ValidationCode.CONTRACT_ERROR, txState.violation())
                        : failure(ValidationCode.CONTRACT_ERROR, "CONTRACT_FAILED",
                        tx.payload().getContract() + "." + tx.payload().getMethod() + " failed: " + e);
            }
        }
        // an authenticated, ordered tx consumes its nonce even when the contract refuses it, so it cannot be replayed
        state.merge(java.util.Collections.singletonMap(nonceKey, new byte[0]));
        return result;
    }

    private Optional<Identity> lookup(BlockState state, TxState txState, String id) {
        String key = StateKeys.identity(id);
        if (txState.writes().containsKey(key) || state.wrote(key)) {
            return txState.get(key).map(IdentityDirectory::decode);
        }
        return identities.find(id);
    }

    /** A refused tx: its writes are gone, but the record of the refusal the contract kept stands (same on every node). */
    private TxResult refusal(ContractException e, Hash txId, Identity signer, long height, long time, BlockState state,
                             KeyNamespace namespace) {
        TxResult failed = failure(ValidationCode.CONTRACT_ERROR, e.code(), e.getMessage());
        ContractException.Kept kept = e.kept();
        if (kept.isEmpty()) {
            return failed;
        }
        TxState record = new TxState(state, namespace);
        ExecutionContext ctx = new ExecutionContext(txId, signer, height, time, record, id -> lookup(state, record, id));
        try {
            kept.writes().forEach((k, v) -> ctx.state().put(k, v));
        } catch (ContractException outside) {
            // the record of a refusal obeys the namespace too: nothing of it is kept
            return failure(ValidationCode.CONTRACT_ERROR, outside);
        }
        kept.events().forEach(ev -> ctx.emit(ev.getKey(), ev.getValue()));
        state.merge(record.writes());
        return failed.toBuilder().addAllEvents(ctx.events()).build();
    }

    private static TxResult failure(ValidationCode code, CareledgerException e) {
        return failure(code, e.code(), e.getMessage());
    }

    private static TxResult failure(ValidationCode code, String errorCode, String message) {
        return TxResult.newBuilder().setCode(code).setErrorCode(errorCode).setMessage(message).build();
    }

    static byte[] resultsDigest(List<TxResult> results) {
        MessageDigest md = Hash.newDigest();
        byte[] length = new byte[4];
        for (TxResult r : results) {
            byte[] b = r.toByteArray();
            md.update(bigEndian(b.length, length));
            md.update(b);
        }
        return md.digest();
    }

    static byte[] stateDigest(BlockState state) {
        MessageDigest md = Hash.newDigest();
        byte[] length = new byte[4];
        for (Map.Entry<String, byte[]> w : state.writes().entrySet()) {
            byte[] k = Keys.utf8(w.getKey());
            md.update(bigEndian(k.length, length));
            md.update(k);
            if (w.getValue() == null) {
                md.update(bigEndian(-1, length));
            } else {
                md.update(bigEndian(w.getValue().length, length));
                md.update(w.getValue());
            }
        }
        return md.digest();
    }

    /** The 4-byte big-endian form of n, written into buffer (as ByteBuffer.putInt would, without allocating). */
    private static byte[] bigEndian(int n, byte[] buffer) {
        buffer[0] = (byte) (n >>> 24);
        buffer[1] = (byte) (n >>> 16);
        buffer[2] = (byte) (n >>> 8);
        buffer[3] = (byte) n;
        return buffer;
    }
}
