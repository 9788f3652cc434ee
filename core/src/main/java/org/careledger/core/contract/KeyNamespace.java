package org.careledger.core.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The state keys a domain's contracts may write: keys under its own prefixes and, for a domain that registers
 * identities (membership, patients), keys under {@code id/}. The ledger keeps {@code nonce/} (every transaction's
 * nonce) and {@code org/} (from genesis) for itself, and {@code id/} is its identity directory: no contract writes
 * there unless its domain says it registers identities. A write outside the namespace is refused the same way on
 * every node, so one domain cannot forge another's state or the ledger's. Where two domains must write the same
 * state (erasing a record revokes the consent grants only it had) the writer names the other domain's prefix in
 * {@code shared}: visible in one place, and the ledger checks that another domain owns it.
 *
 * @param prefixes   the domain's own prefixes (one segment ending in '/'), none reserved; no two domains own one
 * @param shared     prefixes owned by another domain that this one also writes
 * @param identities whether the domain's contracts may write identities ({@code id/...})
 */
public record KeyNamespace(List<String> prefixes, List<String> shared, boolean identities) {
    /** Refused: the key is one the ledger keeps ({@code nonce/}, {@code org/}, or {@code id/} for a non-registrar). */
    public static final String RESERVED = "STATE_KEY_RESERVED";
    /** Refused: the key is outside the writing contract's namespace (for instance another domain's). */
    public static final String OUTSIDE = "STATE_KEY_OUTSIDE_NAMESPACE";

    /** Prefixes only the ledger writes. */
    public static final List<String> LEDGER_PREFIXES = List.of(StateKeys.NONCE_PREFIX, StateKeys.ORG_PREFIX);

    public KeyNamespace {
        prefixes = List.copyOf(prefixes);
        shared = List.copyOf(shared);
        for (String p : concat(prefixes, shared)) {
            if (p.length() < 2 || !p.endsWith("/") || p.indexOf('/') != p.length() - 1) {
                throw new IllegalArgumentException("a namespace prefix is one segment ending in '/': '" + p + "'");
            }
            if (reserved(p)) {
                throw new IllegalArgumentException("prefix " + p + " is reserved by the ledger");
            }
        }
    }

    /** A namespace of these prefixes. */
    public static KeyNamespace of(String... prefixes) {
        return new KeyNamespace(List.of(prefixes), List.of(), false);
    }

    /** This namespace, also allowed to register identities under {@code id/}. */
    public KeyNamespace withIdentities() {
        return new KeyNamespace(prefixes, shared, true);
    }

    /** This namespace, also writing these prefixes of another domain. */
    public KeyNamespace sharing(List<String> others) {
        return new KeyNamespace(prefixes, concat(shared, others), identities);
    }

    /** The prefixes both namespaces claim (identities are shared by registrars, not claimed). */
    public List<String> overlap(KeyNamespace other) {
        List<String> shared = new ArrayList<>();
        for (String p : prefixes) {
            for (String q : other.prefixes) {
                if (p.startsWith(q) || q.startsWith(p)) {
                    shared.add(p);
                }
            }
        }
        return shared;
    }

    /** Why a contract of this namespace may not write {@code key}, or null if it may. */
    public ContractException refusal(String key) {
        if (key.startsWith(StateKeys.IDENTITY_PREFIX)) {
            return identities ? null : new ContractException(RESERVED,
                    "state key '" + key + "' is in the ledger's identity directory; this domain registers no identities");
        }
        if (reserved(key)) {
            return new ContractException(RESERVED, "state key '" + key + "' is reserved by the ledger");
        }
        for (String p : concat(prefixes, shared)) {
            if (key.startsWith(p)) {
                return null;
            }
        }
        return new ContractException(OUTSIDE, "state key '" + key + "' is outside the contract's namespace "
                + concat(prefixes, shared));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean reserved(String key) {
        for (String p : LEDGER_PREFIXES) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return key.startsWith(StateKeys.IDENTITY_PREFIX);
    }
}
