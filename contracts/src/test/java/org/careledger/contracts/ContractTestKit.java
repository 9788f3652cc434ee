package org.careledger.contracts;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.Hash;
import org.careledger.core.contract.CommittedState;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.ExecutionContext;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.KeyNamespace;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.contract.TxState;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEvent;

/**
 * Runs contracts as the ledger's block executor does, in memory: on core's {@link ExecutionContext} and
 * {@link TxState} (the classes the executor uses) over a sorted map, each contract confined to its domain's key
 * namespace, a transaction's writes, events and blob requests kept only if the contract returns, and a refusal
 * keeping only the record it attached ({@link ContractException#keeping}). Setup writes go straight to
 * {@link #state()}, as genesis would.
 */
public final class ContractTestKit {
    /** An emitted event with its canonical JSON bytes. */
    public record Event(String type, byte[] json) {
        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /** What one transaction did: its refusal (null if it went through), its events and blob requests. */
    public record Result(ContractException error, List<Event> events, List<Hash> attached, List<Hash> purged,
                         Hash txId, long height) {
        public boolean ok() {
            return error == null;
        }
    }

    private final Map<String, KeyNamespace> namespaces = new HashMap<>();
    private final TreeMap<String, byte[]> state = new TreeMap<>();
    private final CommittedState committed = new Committed();
    private long height;
    private long time;

    /** A kit that runs the contracts of these domains, starting at this height and block time. */
    public ContractTestKit(List<Domain> domains, long height, long timeMillis) {
        for (Domain d : domains) {
            d.contracts().forEach(c -> namespaces.put(c.name(), d.namespace()));
        }
        this.height = height;
        this.time = timeMillis;
    }

    /** A kit for the standard domains ({@link StandardContracts#domains()}). */
    public static ContractTestKit standard(long height, long timeMillis) {
        return new ContractTestKit(StandardContracts.domains(), height, timeMillis);
    }

    /** The committed state, live: tests read it and set it up directly. */
    public TreeMap<String, byte[]> state() {
        return state;
    }

    public long height() {
        return height;
    }

    public void height(long height) {
        this.height = height;
    }

    public long time() {
        return time;
    }

    public void time(long timeMillis) {
        this.time = timeMillis;
    }

    /** A registered identity, as the ledger's identity directory decodes it. */
    public Optional<Identity> identity(String id) {
        return committed.get(StateKeys.identity(id)).map(ContractTestKit::decodeIdentity);
    }

    /** Runs one transaction at the current height and time. Exceptions other than a contract's refusal propagate. */
    public Result run(Contract contract, Hash txId, Identity signer, String method, byte[] args) {
        KeyNamespace namespace = namespaces.get(contract.name());
        if (namespace == null) {
            throw new IllegalArgumentException("contract " + contract.name() + " belongs to no domain of this kit");
        }
        TxState tx = new TxState(committed, namespace);
        ExecutionContext ctx = context(txId, signer, tx);
        try {
            contract.execute(ctx, method, args);
            if (tx.violation() != null) {
                throw tx.violation();
            }
        } catch (ContractException e) {
            if (tx.violation() != null) {
                return new Result(tx.violation(), List.of(), List.of(), List.of(), txId, height);
            }
            return refusal(e, txId, signer, namespace);
        }
        commit(tx.writes());
        return new Result(null, events(ctx), List.copyOf(ctx.attachedBlobs()), List.copyOf(ctx.purgedBlobs()), txId,
                height);
    }

    private Result refusal(ContractException e, Hash txId, Identity signer, KeyNamespace namespace) {
        TxState record = new TxState(committed, namespace);
        ExecutionContext ctx = context(txId, signer, record);
        try {
            e.kept().writes().forEach((k, v) -> record.put(k, v));
        } catch (ContractException outside) {
            return new Result(outside, List.of(), List.of(), List.of(), txId, height);
        }
        e.kept().events().forEach(ev -> ctx.emit(ev.getKey(), ev.getValue()));
        commit(record.writes());
        return new Result(e, events(ctx), List.of(), List.of(), txId, height);
    }

    private ExecutionContext context(Hash txId, Identity signer, TxState tx) {
        return new ExecutionContext(txId, signer, height, time, tx,
                id -> tx.get(StateKeys.identity(id)).map(ContractTestKit::decodeIdentity));
    }

    private void commit(Map<String, byte[]> writes) {
        writes.forEach((k, v) -> {
            if (v == null) {
                state.remove(k);
            } else {
                state.put(k, v);
            }
        });
    }

    private static List<Event> events(ExecutionContext ctx) {
        return ctx.events().stream().map((TxEvent e) -> new Event(e.getType(), e.getData().toByteArray())).toList();
    }

    private static Identity decodeIdentity(byte[] json) {
        return CanonicalJson.decode(json, IdentityRecord.class).toIdentity();
    }

    /** The committed map as the ledger's block overlay presents committed state. */
    private final class Committed implements CommittedState {
        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(state.get(key)).map(byte[]::clone);
        }

        @Override
        public SortedMap<String, byte[]> scan(String prefix, int limit, Map<String, byte[]> overlay) {
            TreeMap<String, byte[]> merged = new TreeMap<>();
            state.subMap(prefix, prefix + Character.MAX_VALUE).forEach((k, v) -> merged.put(k, v.clone()));
            overlay.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    if (v == null) {
                        merged.remove(k);
                    } else {
                        merged.put(k, v.clone());
                    }
                }
            });
            while (merged.size() > limit) {
                merged.pollLastEntry();
            }
            return merged;
        }
    }
}
