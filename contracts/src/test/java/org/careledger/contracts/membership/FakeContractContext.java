package org.careledger.contracts.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * An in-memory stand-in for the ledger's side of the contract interface: committed state in a sorted map, one
 * transaction's writes in an overlay that is kept only if the contract returns normally (as the ledger does).
 */
final class FakeContractContext implements ContractContext {
    /** An emitted event with its canonical JSON bytes. */
    record Event(String type, byte[] json) {}

    final TreeMap<String, byte[]> committed = new TreeMap<>();
    final List<Event> events = new ArrayList<>();
    final List<Hash> attached = new ArrayList<>();
    final List<Hash> purged = new ArrayList<>();
    private final TreeMap<String, byte[]> writes = new TreeMap<>();
    private List<Event> pendingEvents = new ArrayList<>();
    private Identity signer;
    private long height = 1;
    private long time;
    private Hash txId = Hash.sha256(new byte[0]);

    FakeContractContext(long blockTimeMillis) {
        this.time = blockTimeMillis;
    }

    FakeContractContext as(Identity signer) {
        this.signer = signer;
        return this;
    }

    FakeContractContext at(long blockTimeMillis) {
        this.time = blockTimeMillis;
        return this;
    }

    /** Runs one call like the ledger: writes and events kept on success, dropped on a contract error. */
    Optional<ContractException> call(Contract contract, String method, byte[] args) {
        writes.clear();
        pendingEvents = new ArrayList<>();
        txId = Hash.sha256(Long.toString(height).getBytes());
        try {
            contract.execute(this, method, args);
        } catch (ContractException e) {
            writes.clear();
            return Optional.of(e);
        } finally {
            height++;
        }
        writes.forEach((k, v) -> {
            if (v == null) {
                committed.remove(k);
            } else {
                committed.put(k, v);
            }
        });
        events.addAll(pendingEvents);
        return Optional.empty();
    }

    void putIdentity(Identity identity, String certificatePem) {
        committed.put(StateKeys.identity(identity.id()), CanonicalJson.encode(IdentityRecord.of(identity, certificatePem)));
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
        return new StateAccess() {
            @Override
            public Optional<byte[]> get(String key) {
                if (writes.containsKey(key)) {
                    return Optional.ofNullable(writes.get(key)).map(byte[]::clone);
                }
                return Optional.ofNullable(committed.get(key)).map(byte[]::clone);
            }

            @Override
            public SortedMap<String, byte[]> scan(String prefix, int limit) {
                TreeMap<String, byte[]> merged = new TreeMap<>(committed.tailMap(prefix));
                writes.forEach((k, v) -> {
                    if (v == null) {
                        merged.remove(k);
                    } else {
                        merged.put(k, v);
                    }
                });
                TreeMap<String, byte[]> out = new TreeMap<>();
                for (var e : merged.tailMap(prefix).entrySet()) {
                    if (!e.getKey().startsWith(prefix) || out.size() >= limit) {
                        break;
                    }
                    out.put(e.getKey(), e.getValue().clone());
                }
                return out;
            }

            @Override
            public void put(String key, byte[] value) {
                if (value == null) {
                    throw new IllegalArgumentException("null value");
                }
                writes.put(key, value.clone());
            }

            @Override
            public void delete(String key) {
                writes.put(key, null);
            }
        };
    }

    @Override
    public Optional<Identity> identity(String id) {
        return state().get(StateKeys.identity(id)).map(b -> CanonicalJson.decode(b, IdentityRecord.class).toIdentity());
    }

    @Override
    public void emit(String type, Object data) {
        pendingEvents.add(new Event(type, CanonicalJson.encode(data)));
    }

    @Override
    public void attachBlob(Hash sha256) {
        attached.add(sha256);
    }

    @Override
    public void purgeBlob(Hash sha256) {
        purged.add(sha256);
    }
}
