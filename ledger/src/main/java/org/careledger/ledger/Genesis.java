package org.careledger.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;

/**
 * The consortium's founding document. Its hash is the first block's prev_hash, so every node and every verifier
 * starts from the same bytes. {@code domains} lists the domains the network runs (id and version): a node must run
 * each of them, and a transaction for a contract of any other domain is refused.
 */
public record Genesis(String chainId, List<GenesisOrg> orgs, List<GenesisDomain> domains, long createdAtMillis) {
    public static final String FILE_NAME = "genesis.json";

    public Genesis {
        if (chainId == null || !chainId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("chainId must be 1-64 letters, digits, '.', '_' or '-': " + chainId);
        }
        if (orgs == null || orgs.isEmpty()) {
            throw new IllegalArgumentException("genesis needs at least one org");
        }
        orgs = List.copyOf(orgs);
        if (domains == null || domains.isEmpty()) {
            // genesis files from before domains were listed: pre-1.0 chains are recreated, not migrated
            throw new IllegalArgumentException("genesis lists no domains (written by an older careledger?);"
                    + " recreate the network with 'careledger network init'");
        }
        domains = List.copyOf(domains);
        Set<String> domainIds = new HashSet<>();
        for (GenesisDomain d : domains) {
            if (!domainIds.add(d.id())) {
                throw new IllegalArgumentException("domain " + d.id() + " is listed twice");
            }
        }
        Set<String> ids = new HashSet<>();
        for (GenesisOrg o : orgs) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("org " + o.id() + " is listed twice");
            }
        }
    }

    public static Genesis parse(byte[] json) {
        try {
            return CanonicalJson.decode(json, Genesis.class);
        } catch (CareledgerException e) {
            throw new CareledgerException("GENESIS_INVALID", "genesis is not valid: " + e.getMessage());
        }
    }

    public static Genesis read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new CareledgerException("GENESIS_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public byte[] toBytes() {
        return CanonicalJson.encode(this);
    }

    @JsonIgnore
    public Hash hash() {
        return Hash.sha256(toBytes());
    }

    public Optional<GenesisOrg> org(String id) {
        return orgs.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** Signatures needed to finalize a block: floor(2n/3)+1 of the n org nodes. */
    @JsonIgnore
    public int quorum() {
        return (2 * orgs.size()) / 3 + 1;
    }
}
