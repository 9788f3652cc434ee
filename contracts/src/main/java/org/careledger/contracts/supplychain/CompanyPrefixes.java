package org.careledger.contracts.supplychain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * Who holds which GS1 company prefix: the prefixes genesis gave each org (its org record) plus those registered
 * later ({@link SupplyChainKeys#companyPrefix}). A GTIN, SSCC or GLN belongs to the org whose prefix it starts
 * with (after the GTIN indicator or SSCC extension digit); GS1 prefixes never overlap, and registration keeps it so.
 */
final class CompanyPrefixes {
    static final int MIN_LENGTH = 6;
    static final int MAX_LENGTH = 12;
    private static final int MAX_ORGS = 10_000;
    private static final int MAX_REGISTRATIONS = 100_000;

    /** A prefix and the org holding it. */
    record Holder(String prefix, String org) {}

    private final StateAccess state;
    private TreeMap<String, String> fromGenesis;

    CompanyPrefixes(StateAccess state) {
        this.state = state;
    }

    Optional<Holder> ofGtin(String gtin14) {
        return find(gtin14.substring(1));
    }

    Optional<Holder> ofGln(String gln13) {
        return find(gln13);
    }

    /** The holder of the prefix that {@code digits} (a key without indicator or extension digit) starts with. */
    Optional<Holder> find(String digits) {
        for (int len = MIN_LENGTH; len <= Math.min(MAX_LENGTH, digits.length()); len++) {
            String prefix = digits.substring(0, len);
            Optional<String> registered = state.get(SupplyChainKeys.companyPrefix(prefix))
                    .map(b -> CanonicalJson.decode(b, CompanyPrefixRecord.class).org());
            if (registered.isPresent()) {
                return Optional.of(new Holder(prefix, registered.get()));
            }
            String org = genesis().get(prefix);
            if (org != null) {
                return Optional.of(new Holder(prefix, org));
            }
        }
        return Optional.empty();
    }

    /** Every prefix and its org, in prefix order. */
    TreeMap<String, String> all() {
        TreeMap<String, String> out = new TreeMap<>(genesis());
        for (Map.Entry<String, byte[]> e : state.scan(SupplyChainKeys.COMPANY_PREFIX, MAX_REGISTRATIONS).entrySet()) {
            CompanyPrefixRecord r = CanonicalJson.decode(e.getValue(), CompanyPrefixRecord.class);
            out.put(r.prefix(), r.org());
        }
        return out;
    }

    private TreeMap<String, String> genesis() {
        if (fromGenesis == null) {
            fromGenesis = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : state.scan(StateKeys.ORG_PREFIX, MAX_ORGS).entrySet()) {
                if (e.getKey().indexOf('/', StateKeys.ORG_PREFIX.length()) >= 0) {
                    continue; // not an org record
                }
                OrgRecord org;
                try {
                    org = CanonicalJson.decode(e.getValue(), OrgRecord.class);
                } catch (CareledgerException ex) {
                    continue;
                }
                for (String p : org.companyPrefixes()) {
                    fromGenesis.putIfAbsent(p, org.id());
                }
            }
        }
        return fromGenesis;
    }
}
