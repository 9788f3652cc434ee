package org.careledger.ledger;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.careledger.core.contract.Contract;

/** The contracts a ledger dispatches to, by name. Every node of a network must run the same set. */
public final class ContractRegistry {
    private final TreeMap<String, Contract> contracts = new TreeMap<>();

    public ContractRegistry(List<Contract> contracts) {
        for (Contract c : contracts) {
            if (this.contracts.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two contracts are named " + c.name());
            }
        }
    }

    public Optional<Contract> find(String name) {
        return Optional.ofNullable(contracts.get(name));
    }

    public List<String> names() {
        return List.copyOf(contracts.keySet());
    }
}
