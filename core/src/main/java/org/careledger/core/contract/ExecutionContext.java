package org.careledger.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEvent;

/**
 * What one contract call sees; collects the events and blob requests it makes. The ledger's block executor and
 * {@code ContractTestKit} both use it.
 */
public final class ExecutionContext implements ContractContext {
    private final Hash txId;
    private final Identity signer;
    private final long height;
    private final long time;
    private final TxState state;
    private final Function<String, Optional<Identity>> identities;
    private final List<TxEvent> events = new ArrayList<>();
    private final List<Hash> attached = new ArrayList<>();
    private final List<Hash> purged = new ArrayList<>();

    public ExecutionContext(Hash txId, Identity signer, long height, long time, TxState state,
                     Function<String, Optional<Identity>> identities) {
        this.txId = txId;
        this.signer = signer;
        this.height = height;
        this.time = time;
        this.state = state;
        this.identities = identities;
    }

    @Override
    public Hash txId() {
        return txId;
    }

    @Override
    public Identity signer() {
        return signer;
    }

    @Override
    public long blockHeight() {
        return height;
    }

    @Override
    public long blockTimeMillis() {
        return time;
    }

    @Override
    public StateAccess state() {
        return state;
    }

    @Override
    public Optional<Identity> identity(String id) {
        return identities.apply(id);
    }

    @Override
    public void emit(String type, Object data) {
        events.add(TxEvent.newBuilder().setType(type)
                // the encoded array is ours alone and never changed afterwards: wrap it rather than copy it
                .setData(com.google.protobuf.UnsafeByteOperations.unsafeWrap(CanonicalJson.encode(data))).build());
    }

    @Override
    public void emitEncoded(String type, byte[] canonicalJson) {
        events.add(TxEvent.newBuilder().setType(type).setData(com.google.protobuf.ByteString.copyFrom(canonicalJson)).build());
    }

    @Override
    public void attachBlob(Hash sha256) {
        attached.add(sha256);
    }

    @Override
    public void purgeBlob(Hash sha256) {
        purged.add(sha256);
    }

    public List<Hash> attachedBlobs() {
        return attached;
    }

    public List<Hash> purgedBlobs() {
        return purged;
    }

    public List<TxEvent> events() {
        return events;
    }
}
