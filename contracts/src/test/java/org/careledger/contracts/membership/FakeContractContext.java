package org.careledger.contracts.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.careledger.contracts.ContractTestKit;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * The membership tests' view of a {@link ContractTestKit} (the ledger's execution semantics in memory): one signer
 * at a time, every call its own block, events and blob requests of successful calls collected.
 */
final class FakeContractContext {
    /** An emitted event with its canonical JSON bytes. */
    record Event(String type, byte[] json) {}

    private final ContractTestKit kit;
    /** The committed state (live). */
    final TreeMap<String, byte[]> committed;
    final List<Event> events = new ArrayList<>();
    final List<Hash> attached = new ArrayList<>();
    final List<Hash> purged = new ArrayList<>();
    private Identity signer;

    FakeContractContext(long blockTimeMillis) {
        kit = ContractTestKit.standard(1, blockTimeMillis);
        committed = kit.state();
    }

    FakeContractContext as(Identity signer) {
        this.signer = signer;
        return this;
    }

    FakeContractContext at(long blockTimeMillis) {
        kit.time(blockTimeMillis);
        return this;
    }

    /** Runs one call like the ledger: writes and events kept on success, dropped on a contract error. */
    Optional<ContractException> call(Contract contract, String method, byte[] args) {
        Hash txId = Hash.sha256(Long.toString(kit.height()).getBytes());
        try {
            ContractTestKit.Result r = kit.run(contract, txId, signer, method, args);
            if (!r.ok()) {
                return Optional.of(r.error());
            }
            r.events().forEach(e -> events.add(new Event(e.type(), e.json())));
            attached.addAll(r.attached());
            purged.addAll(r.purged());
            return Optional.empty();
        } finally {
            kit.height(kit.height() + 1);
        }
    }

    void putIdentity(Identity identity, String certificatePem) {
        committed.put(StateKeys.identity(identity.id()), CanonicalJson.encode(IdentityRecord.of(identity, certificatePem)));
    }

    Optional<Identity> identity(String id) {
        return kit.identity(id);
    }
}
