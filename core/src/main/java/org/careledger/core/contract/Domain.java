package org.careledger.core.contract;

import java.util.List;

/**
 * One medical (or supply-chain, or platform) domain as the ledger sees it: the contracts it contributes and the
 * state keys they may write. Genesis lists the domains a network runs by {@link #id()} and {@link #version()}; a
 * node refuses to start on a genesis that lists a domain (or version) it does not have, and refuses a transaction
 * for a contract whose domain genesis does not list.
 */
public interface Domain {
    /** Lower-case id as genesis lists it, e.g. {@code records}. */
    String id();

    /** Bumped when the domain's state layout or rules change in a way old and new nodes would disagree on. */
    int version();

    /** The domain's contracts; their names are unique across all domains. */
    List<Contract> contracts();

    /** Where the domain's contracts may write. */
    KeyNamespace namespace();

    /** A domain of these parts: what each domain's {@code domain()} factory returns. */
    static Domain of(String id, int version, List<Contract> contracts, KeyNamespace namespace) {
        return new Parts(id, version, List.copyOf(contracts), namespace);
    }

    /** The plain value behind {@link #of}. */
    record Parts(String id, int version, List<Contract> contracts, KeyNamespace namespace) implements Domain {}
}
