package org.careledger.contracts.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * An in-memory ledger for contract tests, behaving like the block executor: a sorted state, one overlay per
 * transaction whose writes, events and blob requests are kept only if the contract does not throw.
 */
public final class FakeLedger {
    private final TreeMap<String, byte[]> state = new TreeMap<>();
    private final List<String> log = new ArrayList<>();
    private long height = 1;
    private long time = 1_700_000_000_000L;
    private long txCounter;

    /** What one transaction did. */
    public record Outcome(ContractException error, List<Event> events, List<Hash> attached, List<Hash> purged,
                          Hash txId) {
        public boolean ok() {
            return error == null;
        }

        public String code() {
            return error == null ? null : error.code();
        }
    }

    /** An emitted event with its canonical JSON. */
    public record Event(String type, String json) {}

    public long height() {
        return height;
    }

    public long time() {
        return time;
    }

    /** Seals the current block and starts the next, {@code millis} later. */
    public void nextBlock(long millis) {
        height++;
        time += millis;
    }

    public Outcome run(Contract contract, Identity signer, String method, Object args) {
        return runRaw(contract, signer, method, CanonicalJson.encode(args));
    }

    public Outcome runRaw(Contract contract, Identity signer, String method, byte[] args) {
        txCounter++;
        Hash txId = Hash.sha256(("tx-" + txCounter).getBytes(StandardCharsets.UTF_8), args);
        Context ctx = new Context(txId, signer);
        try {
            contract.execute(ctx, method, args);
        } catch (ContractException e) {
            log.add(height + " " + contract.name() + "." + method + " " + e.code() + ": " + e.getMessage());
            return new Outcome(e, List.of(), List.of(), List.of(), txId);
        }
        for (Map.Entry<String, Optional<byte[]>> w : ctx.writes.entrySet()) {
            if (w.getValue().isPresent()) {
                state.put(w.getKey(), w.getValue().get());
            } else {
                state.remove(w.getKey());
            }
        }
        ctx.events.forEach(e -> log.add(height + " event " + e.type() + " " + e.json()));
        ctx.attached.forEach(h -> log.add(height + " attach " + h.hex()));
        ctx.purged.forEach(h -> log.add(height + " purge " + h.hex()));
        return new Outcome(null, List.copyOf(ctx.events), List.copyOf(ctx.attached), List.copyOf(ctx.purged), txId);
    }

    /** Runs and requires success. */
    public Outcome ok(Contract contract, Identity signer, String method, Object args) {
        Outcome o = run(contract, signer, method, args);
        if (!o.ok()) {
            throw new AssertionError(contract.name() + "." + method + " failed: " + o.error());
        }
        return o;
    }

    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(state.get(key)).map(byte[]::clone);
    }

    public <T> T read(String key, Class<T> type) {
        byte[] value = state.get(key);
        if (value == null) {
            throw new AssertionError("no state at " + key);
        }
        return CanonicalJson.decode(value, type);
    }

    public boolean has(String key) {
        return state.containsKey(key);
    }

    public List<String> keys(String prefix) {
        return List.copyOf(scan(state, prefix).keySet());
    }

    public void put(String key, Object value) {
        state.put(key, CanonicalJson.encode(value));
    }

    public Identity identity(String id) {
        return CanonicalJson.decode(state.get(StateKeys.identity(id)), IdentityRecord.class).toIdentity();
    }

    /** Every key and value in order, plus the log of events and blob requests: the bytes a replay must reproduce. */
    public byte[] snapshot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : state.entrySet()) {
            out.writeBytes(e.getKey().getBytes(StandardCharsets.UTF_8));
            out.write('=');
            out.writeBytes(e.getValue());
            out.write('\n');
        }
        for (String line : log) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static SortedMap<String, byte[]> scan(TreeMap<String, byte[]> map, String prefix) {
        return map.subMap(prefix, prefix + Character.MAX_VALUE);
    }

    private final class Context implements ContractContext, StateAccess {
        private final Hash txId;
        private final Identity signer;
        private final TreeMap<String, Optional<byte[]>> writes = new TreeMap<>();
        private final List<Event> events = new ArrayList<>();
        private final List<Hash> attached = new ArrayList<>();
        private final List<Hash> purged = new ArrayList<>();

        Context(Hash txId, Identity signer) {
            this.txId = txId;
            this.signer = signer;
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
            return this;
        }

        @Override
        public Optional<Identity> identity(String id) {
            return get(StateKeys.identity(id)).map(b -> CanonicalJson.decode(b, IdentityRecord.class).toIdentity());
        }

        @Override
        public void emit(String type, Object data) {
            events.add(new Event(type, new String(CanonicalJson.encode(data), StandardCharsets.UTF_8)));
        }

        @Override
        public void attachBlob(Hash sha256) {
            attached.add(sha256);
        }

        @Override
        public void purgeBlob(Hash sha256) {
            purged.add(sha256);
        }

        @Override
        public Optional<byte[]> get(String key) {
            Optional<byte[]> own = writes.get(key);
            if (own != null) {
                return own.map(byte[]::clone);
            }
            return Optional.ofNullable(state.get(key)).map(byte[]::clone);
        }

        @Override
        public SortedMap<String, byte[]> scan(String prefix, int limit) {
            TreeMap<String, byte[]> merged = new TreeMap<>(FakeLedger.scan(state, prefix));
            for (Map.Entry<String, Optional<byte[]>> w : writes.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
                if (w.getValue().isPresent()) {
                    merged.put(w.getKey(), w.getValue().get());
                } else {
                    merged.remove(w.getKey());
                }
            }
            TreeMap<String, byte[]> limited = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : merged.entrySet()) {
                if (limited.size() >= limit) {
                    break;
                }
                limited.put(e.getKey(), e.getValue().clone());
            }
            return Collections.unmodifiableSortedMap(limited);
        }

        @Override
        public void put(String key, byte[] value) {
            writes.put(key, Optional.of(value.clone()));
        }

        @Override
        public void delete(String key) {
            writes.put(key, Optional.empty());
        }
    }
}
