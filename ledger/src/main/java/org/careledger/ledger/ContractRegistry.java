package org.careledger.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/**
 * The domains this node can run, and their contracts by name. Genesis says which of them a network runs
 * ({@link #requireAll}); every node of a network must run the same versions.
 */
public final class ContractRegistry {
    /** A contract with the domain it belongs to. */
    record Entry(Contract contract, Domain domain) {}

    private final List<Domain> domains;
    private final TreeMap<String, Entry> contracts = new TreeMap<>();

    public ContractRegistry(List<Domain> domains) {
        this.domains = List.copyOf(domains);
        TreeMap<String, Domain> ids = new TreeMap<>();
        for (Domain d : this.domains) {
            new GenesisDomain(d.id(), d.version());
            if (ids.put(d.id(), d) != null) {
                throw new IllegalArgumentException("two domains are named " + d.id());
            }
            for (Contract c : d.contracts()) {
                if (contracts.put(c.name(), new Entry(c, d)) != null) {
                    throw new IllegalArgumentException("two contracts are named " + c.name());
                }
            }
        }
        for (int i = 0; i < this.domains.size(); i++) {
            Domain owner = this.domains.get(i);
            KeyNamespace a = owner.namespace();
            for (int j = i + 1; j < this.domains.size(); j++) {
                List<String> both = a.overlap(this.domains.get(j).namespace());
                if (!both.isEmpty()) {
                    throw new IllegalArgumentException("domains " + owner.id() + " and "
                            + this.domains.get(j).id() + " both claim " + both);
                }
            }
            for (String shared : a.shared()) {
                boolean owned = this.domains.stream().anyMatch(d -> d != owner && d.namespace().prefixes().contains(shared));
                if (!owned) {
                    throw new IllegalArgumentException("domain " + owner.id() + " shares " + shared
                            + ", which no other domain owns");
                }
            }
        }
    }

    public Optional<Contract> find(String name) {
        return entry(name).map(Entry::contract);
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(contracts.get(name));
    }

    public List<String> names() {
        return List.copyOf(contracts.keySet());
    }

    public List<Domain> domains() {
        return domains;
    }

    /** How genesis lists every domain of this registry (what {@code network init} writes). */
    public List<GenesisDomain> genesisDomains() {
        return domains.stream().map(d -> new GenesisDomain(d.id(), d.version())).toList();
    }

    /**
     * Requires this node to run every domain genesis lists, at the listed version: a node that lacks one would
     * refuse transactions the others accept, and fork.
     */
    public void requireAll(List<GenesisDomain> listed) {
        List<String> missing = new ArrayList<>();
        for (GenesisDomain g : listed) {
            Optional<Domain> mine = domains.stream().filter(d -> d.id().equals(g.id())).findFirst();
            if (mine.isEmpty()) {
                missing.add(g.id() + " v" + g.version() + " (this node does not have it)");
            } else if (mine.get().version() != g.version()) {
                missing.add(g.id() + " v" + g.version() + " (this node runs v" + mine.get().version() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new CareledgerException("GENESIS_DOMAIN_UNKNOWN", "genesis lists domains this node cannot run: "
                    + String.join(", ", missing) + "; run a node build that has them (this one has "
                    + genesisDomains().stream().map(d -> d.id() + " v" + d.version()).toList() + ")");
        }
    }
}
