package org.careledger.contracts.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.careledger.contracts.ContractTestKit;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;

/**
 * The care contract tests' view of a {@link ContractTestKit} (the ledger's execution semantics in memory): runs
 * transactions block by block and keeps a log of what each did, so a replay can be compared byte for byte.
 */
public final class FakeLedger {
    private final ContractTestKit kit = ContractTestKit.standard(1, 1_700_000_000_000L);
    private final List<String> log = new ArrayList<>();
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
        return kit.height();
    }

    public long time() {
        return kit.time();
    }

    /** Seals the current block and starts the next, {@code millis} later. */
    public void nextBlock(long millis) {
        kit.height(kit.height() + 1);
        kit.time(kit.time() + millis);
    }

    public Outcome run(Contract contract, Identity signer, String method, Object args) {
        return runRaw(contract, signer, method, CanonicalJson.encode(args));
    }

    public Outcome runRaw(Contract contract, Identity signer, String method, byte[] args) {
        txCounter++;
        Hash txId = Hash.sha256(("tx-" + txCounter).getBytes(StandardCharsets.UTF_8), args);
        ContractTestKit.Result r = kit.run(contract, txId, signer, method, args);
        if (!r.ok()) {
            log.add(height() + " " + contract.name() + "." + method + " " + r.error().code() + ": " + r.error().getMessage());
            return new Outcome(r.error(), List.of(), List.of(), List.of(), txId);
        }
        List<Event> events = r.events().stream().map(e -> new Event(e.type(), e.text())).toList();
        events.forEach(e -> log.add(height() + " event " + e.type() + " " + e.json()));
        r.attached().forEach(h -> log.add(height() + " attach " + h.hex()));
        r.purged().forEach(h -> log.add(height() + " purge " + h.hex()));
        return new Outcome(null, events, r.attached(), r.purged(), txId);
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
        return Optional.ofNullable(kit.state().get(key)).map(byte[]::clone);
    }

    public <T> T read(String key, Class<T> type) {
        byte[] value = kit.state().get(key);
        if (value == null) {
            throw new AssertionError("no state at " + key);
        }
        return CanonicalJson.decode(value, type);
    }

    public boolean has(String key) {
        return kit.state().containsKey(key);
    }

    public List<String> keys(String prefix) {
        return List.copyOf(kit.state().subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    }

    public void put(String key, Object value) {
        kit.state().put(key, CanonicalJson.encode(value));
    }

    public Identity identity(String id) {
        return kit.identity(id).orElseThrow(() -> new AssertionError("no identity " + id));
    }

    /** Every key and value in order, plus the log of events and blob requests: the bytes a replay must reproduce. */
    public byte[] snapshot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : kit.state().entrySet()) {
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
}
