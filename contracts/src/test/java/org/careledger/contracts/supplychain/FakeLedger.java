package org.careledger.contracts.supplychain;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.careledger.contracts.ContractTestKit;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * The supply-chain tests' view of a {@link ContractTestKit} (the ledger's execution semantics in memory): orgs and
 * identities set up as genesis would, each call its own block (height + 1) with its own transaction id.
 */
final class FakeLedger {
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

    private final ContractTestKit kit;
    /** The committed state (live). */
    final TreeMap<String, byte[]> committed;

    FakeLedger(long blockTimeMillis) {
        kit = ContractTestKit.standard(0, blockTimeMillis);
        committed = kit.state();
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
        return kit.identity(org + "/admin").orElseThrow();
    }

    void at(long blockTimeMillis) {
        kit.time(blockTimeMillis);
    }

    long blockHeight() {
        return kit.height();
    }

    long blockTimeMillis() {
        return kit.time();
    }

    /** Runs one transaction as {@code as}, like the ledger: writes and events kept on success. */
    Result call(Contract contract, Identity as, String method, Object args) {
        return callRaw(contract, as, method, CanonicalJson.encode(args));
    }

    Result callRaw(Contract contract, Identity as, String method, byte[] args) {
        kit.height(kit.height() + 1);
        Hash txId = Hash.sha256(("tx-" + kit.height()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ContractTestKit.Result r = kit.run(contract, txId, as, method, args);
        List<Event> events = r.events().stream().map(e -> new Event(e.type(), e.json())).toList();
        return new Result(Optional.ofNullable(r.error()), events, txId, r.height());
    }

    <T> Optional<T> read(String key, Class<T> type) {
        return Optional.ofNullable(committed.get(key)).map(b -> CanonicalJson.decode(b, type));
    }

    SortedMap<String, byte[]> scan(String prefix) {
        return new TreeMap<>(committed.subMap(prefix, prefix + Character.MAX_VALUE));
    }
}
