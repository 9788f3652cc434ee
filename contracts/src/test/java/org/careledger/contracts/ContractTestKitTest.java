package org.careledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.careledger.contracts.consent.ConsentKeys;
import org.careledger.contracts.notary.NotaryContract;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.KeyNamespace;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.Test;

/** The kit applies the ledger's rules: namespaces, writes kept only on success. */
class ContractTestKitTest {
    private static final Identity ADMIN = new Identity("hospital-a/admin", "hospital-a", Identity.Kind.ORG_ADMIN,
            "ED25519", new byte[32], new TreeSet<>(List.of("hospital", "admin")));

    /** A contract of the notary domain's namespace that writes the key it is given. */
    record Writer(String name) implements Contract {
        @Override
        public void execute(ContractContext ctx, String method, byte[] args) {
            ctx.state().put(CanonicalJson.decode(args, String.class), CanonicalJson.encode("x"));
        }
    }

    private static ContractTestKit kit() {
        Domain writer = new Domain() {
            public String id() {
                return "writer";
            }

            public int version() {
                return 1;
            }

            public List<Contract> contracts() {
                return List.of(new Writer("writer"));
            }

            public KeyNamespace namespace() {
                return KeyNamespace.of("writer/");
            }
        };
        List<Domain> domains = new java.util.ArrayList<>(StandardContracts.domains());
        domains.add(writer);
        return new ContractTestKit(domains, 1, 1_700_000_000_000L);
    }

    private static ContractTestKit.Result write(ContractTestKit kit, String key) {
        return kit.run(new Writer("writer"), Hash.sha256(key.getBytes()), ADMIN, "put", CanonicalJson.encode(key));
    }

    @Test
    void aContractWritesItsNamespaceAndIsRefusedTheLedgersAndOtherDomainsKeys() {
        ContractTestKit kit = kit();
        assertThat(write(kit, "writer/a").ok()).isTrue();
        assertThat(kit.state()).containsKey("writer/a");
        for (String key : List.of(StateKeys.nonce("hospital-a/admin", 1), StateKeys.identity("hospital-a/x"),
                StateKeys.org("hospital-a"))) {
            assertThat(write(kit, key).error().code()).as(key).isEqualTo(KeyNamespace.RESERVED);
        }
        assertThat(write(kit, ConsentKeys.grant("g-1")).error().code()).isEqualTo(KeyNamespace.OUTSIDE);
        assertThat(kit.state().keySet()).containsExactly("writer/a");
    }

    @Test
    void aStandardContractRunsInItsDomain() {
        ContractTestKit kit = ContractTestKit.standard(1, 1_700_000_000_000L);
        kit.state().put(StateKeys.identity(ADMIN.id()), CanonicalJson.encode(
                org.careledger.core.contract.IdentityRecord.of(ADMIN, null)));
        ContractTestKit.Result r = kit.run(new NotaryContract(), Hash.sha256(new byte[1]), ADMIN, "anchor",
                CanonicalJson.encode(new org.careledger.contracts.notary.AnchorDocument("doc-1", Hash.sha256(new byte[2]).hex(), "report")));
        assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
        assertThat(kit.state()).containsKey(NotaryContract.ANCHOR_PREFIX + "hospital-a/doc-1");
        assertThat(r.events()).extracting(ContractTestKit.Event::type).hasSize(1);
    }
}
