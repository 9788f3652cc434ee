package org.careledger.ledger;

/** A domain a network runs, as genesis lists it: its id and the version every node must run. */
public record GenesisDomain(String id, int version) {
    public GenesisDomain {
        if (id == null || !id.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a domain id is 1-32 lower-case letters, digits or '-': " + id);
        }
        if (version < 1) {
            throw new IllegalArgumentException("domain " + id + " needs a version >= 1");
        }
    }
}
