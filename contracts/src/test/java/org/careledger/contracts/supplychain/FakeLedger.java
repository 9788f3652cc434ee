package org.careledger.contracts.supplychain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * The ledger's side of the contract interface in memory, as the ledger behaves: committed state in a sorted map,
 * one transaction's writes and events in an overlay kept only when the contract returns normally. Each call is
 * its own block (height + 1) with its own transaction id.
 */
final class FakeLedger implements ContractContext {
    /** An emitted event with its canonical JSON bytes. */
    record Event(String type, byte[] json) {
        String text() {
            return new String(json, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** What one call did: its error (if refused) and the events it emitted. */
    record Result(Optional<ContractException> error, List<Event> events, Hash txId, long height) {
        String code() {
            return error.map(ContractException::code).orElse("VALID");
        }

        List<Event> ofType(String type) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    final TreeMap<String, byte[]> committed = new TreeMap<>();
    private final TreeMap<String, byte[]> writes = new TreeMap<>();
    private List<Event> pending = new ArrayList<>();
    private Identity signer;
    private long height;
    private long time;
    private Hash txId = Hash.sha256(new byte[0]);

    FakeLedger(long blockTimeMillis) {
        this.time = blockTimeMillis;
    }

    FakeLedger org(String id, List<String> roles, List<String> prefixes) {
        committed.put(StateKeys.org(id), CanonicalJson.encode(new OrgRecord(id, id, roles, "CA-PEM", prefixes)));
        identity(id + "/admin", Identity.Kind.ORG_ADMIN);
        return this;
    }

    Identity identity(String id, Identity.Kind kind) {
        String org = id.substring(0, id.indexOf('/'));
        Identity identity = new Identity(id, org, kind, "ED25519", new byte[32], new TreeSet<>());
        committed.put(StateKeys.identity(id), CanonicalJson.encode(IdentityRecord.of(identity, null)));
        return identity;
    }

    Identity admin(String org) {
        return identity(org + "/admin").orElseThrow();
    }

    void at(long blockTimeMillis) {
        this.time = blockTimeMillis;
    }

    /** Runs one transaction as {@code as}, like the ledger: writes and events kept only on success. */
    Result call(Contract contract, Identity as, String method, Object args) {
        return callRaw(contract, as, method, CanonicalJson.encode(args));
    }

    Result callRaw(Contract contract, Identity as, String method, byte[] args) {
        signer = as;
        height++;
        txId = Hash.sha256(("tx-" + height).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writes.clear();
        pending = new ArrayList<>();
        try {
            contract.execute(this, method, args);
        } catch (ContractException e) {
            writes.clear();
            // like the ledger: a refusal keeps only the record the contract attached to it
            e.kept().writes().forEach(committed::put);
            List<Event> kept = e.kept().events().stream()
                    .map(ev -> new Event(ev.getKey(), CanonicalJson.encode(ev.getValue()))).toList();
            return new Result(Optional.of(e), kept, txId, height);
        }
        writes.forEach((k, v) -> {
            if (v == null) {
                committed.remove(k);
            } else {
                committed.put(k, v);
            }
        });
        return new Result(Optional.empty(), List.copyOf(pending), txId, height);
    }

    <T> Optional<T> read(String key, Class<T> type) {
        return Optional.ofNullable(committed.get(key)).map(b -> CanonicalJson.decode(b, type));
    }

    SortedMap<String, byte[]> scan(String prefix) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        committed.tailMap(prefix).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
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
        pending.add(new Event(type, CanonicalJson.encode(data)));
    }

    @Override
    public void attachBlob(Hash sha256) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void purgeBlob(Hash sha256) {
        throw new UnsupportedOperationException();
    }
}
