package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.contracts.StandardContracts;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxResult;
import org.careledger.core.proto.ValidationCode;
import org.careledger.storage.LedgerStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each contract writes only its domain's key namespace; the ledger's own prefixes are refused to every contract;
 * genesis decides which domains run. Probe contracts write the key they are given, so each test names the key.
 */
class DomainNamespaceTest {
    private static TestNetwork net;

    @TempDir
    Path tmp;

    @BeforeAll
    static void network() {
        net = new TestNetwork();
    }

    /** Writes the key in args with {@code put} (or {@code swallow}: catches the refusal and goes on; {@code keep}: kept by a refusal). */
    static final class Probe implements Contract {
        private final String name;

        Probe(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void execute(ContractContext ctx, String method, byte[] args) {
            String key = new String(args, StandardCharsets.UTF_8);
            byte[] value = CanonicalJson.encode("v");
            switch (method) {
                case "put" -> ctx.state().put(key, value);
                case "delete" -> ctx.state().delete(key);
                case "swallow" -> {
                    try {
                        ctx.state().put(key, value);
                    } catch (ContractException ignored) {
                        // a contract that hides the refusal must not get its tx through
                    }
                    ctx.state().put(name + "/after", value);
                }
                case "keep" -> throw new ContractException("PROBE_REFUSED", "refused, keeping a record")
                        .keeping(new TreeMap<>(Map.of(key, value)), List.of());
                default -> throw new ContractException("METHOD_UNKNOWN", method);
            }
        }
    }

    static Domain domain(String id, int version, KeyNamespace namespace) {
        return new Domain() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int version() {
                return version;
            }

            @Override
            public List<Contract> contracts() {
                return List.of(new Probe(id));
            }

            @Override
            public KeyNamespace namespace() {
                return namespace;
            }
        };
    }

    private static ContractRegistry registry() {
        List<Domain> all = new ArrayList<>(StandardContracts.domains());
        all.add(domain("probe", 1, KeyNamespace.of("probe/")));
        all.add(domain("other", 1, KeyNamespace.of("other/")));
        return new ContractRegistry(all);
    }

    private static Genesis genesis(List<GenesisDomain> domains) {
        return new Genesis(net.genesis.chainId(), net.genesis.orgs(), domains, net.genesis.createdAtMillis());
    }

    private Ledger open(String dir, Genesis genesis) {
        LedgerStore store = LedgerStore.open(tmp.resolve(dir));
        try {
            return Ledger.open(store, genesis, registry());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static TxEnvelope call(long nonce, String contract, String method, String key) {
        return net.signed("hospital-a/admin", net.admin("hospital-a"), nonce, contract, method,
                key.getBytes(StandardCharsets.UTF_8));
    }

    private static TxResult only(CommittedBlock block) {
        return block.block().getResults(0);
    }

    @Test
    void aContractWritesItsOwnNamespace() {
        try (Ledger ledger = open("db", genesis(registry().genesisDomains()))) {
            TxResult r = only(ledger.apply(TestNetwork.batch(1, call(1, "probe", "put", "probe/a"))));
            assertThat(r.getCode()).isEqualTo(ValidationCode.VALID);
            assertThat(ledger.state("probe/a")).isPresent();
        }
    }

    @Test
    void ledgerPrefixesAndAnotherDomainsKeysAreRefusedAndNothingIsWritten() {
        try (Ledger ledger = open("db", genesis(registry().genesisDomains()))) {
            String[][] cases = {
                    {StateKeys.nonce("hospital-a/admin", 99), KeyNamespace.RESERVED},
                    {StateKeys.identity("hospital-a/forged"), KeyNamespace.RESERVED},
                    {StateKeys.org("hospital-a"), KeyNamespace.RESERVED},
                    {"other/a", KeyNamespace.OUTSIDE},
                    {"record/r-1", KeyNamespace.OUTSIDE},
                    {"probeX/a", KeyNamespace.OUTSIDE},
            };
            long nonce = 1;
            for (String[] c : cases) {
                for (String method : List.of("put", "delete", "swallow", "keep")) {
                    byte[] before = ledger.state(c[0]).orElse(null);
                    TxResult r = only(ledger.apply(TestNetwork.batch(nonce, call(nonce, "probe", method, c[0]))));
                    nonce++;
                    assertThat(r.getCode()).as(method + " " + c[0]).isEqualTo(ValidationCode.CONTRACT_ERROR);
                    assertThat(r.getErrorCode()).as(method + " " + c[0]).isEqualTo(c[1]);
                    assertThat(ledger.state(c[0]).orElse(null)).as(method + " " + c[0]).isEqualTo(before);
                    assertThat(ledger.state("probe/after")).isEmpty();
                }
            }
            // the identity written by genesis is still the real one
            assertThat(ledger.identity("hospital-a/admin")).isPresent();
        }
    }

    @Test
    void aContractOfADomainGenesisDoesNotListIsRefused() {
        List<GenesisDomain> withoutOther = registry().genesisDomains().stream()
                .filter(d -> !d.id().equals("other")).toList();
        try (Ledger ledger = open("db", genesis(withoutOther))) {
            TxResult r = only(ledger.apply(TestNetwork.batch(1, call(1, "other", "put", "other/a"))));
            assertThat(r.getCode()).isEqualTo(ValidationCode.CONTRACT_ERROR);
            assertThat(r.getErrorCode()).isEqualTo("DOMAIN_NOT_IN_GENESIS");
            assertThat(ledger.state("other/a")).isEmpty();
            assertThat(only(ledger.apply(TestNetwork.batch(2, call(2, "probe", "put", "probe/a")))).getCode())
                    .isEqualTo(ValidationCode.VALID);
        }
    }

    @Test
    void aNodeRefusesAGenesisListingADomainOrVersionItDoesNotRun() {
        List<GenesisDomain> unknown = new ArrayList<>(registry().genesisDomains());
        unknown.add(new GenesisDomain("dental-imaging", 1));
        assertThatThrownBy(() -> open("a", genesis(unknown)))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("GENESIS_DOMAIN_UNKNOWN"))
                .hasMessageContaining("dental-imaging v1 (this node does not have it)");
        List<GenesisDomain> newer = registry().genesisDomains().stream()
                .map(d -> d.id().equals("probe") ? new GenesisDomain("probe", 2) : d).toList();
        assertThatThrownBy(() -> open("b", genesis(newer)))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("GENESIS_DOMAIN_UNKNOWN"))
                .hasMessageContaining("probe v2 (this node runs v1)");
    }

    @Test
    void aGenesisWithoutDomainsIsInvalidWithAClearMessage() {
        Map<?, ?> json = CanonicalJson.decode(net.genesis.toBytes(), Map.class);
        Map<Object, Object> old = new TreeMap<>(json);
        old.remove("domains");
        assertThatThrownBy(() -> Genesis.parse(CanonicalJson.encode(old)))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("GENESIS_INVALID"))
                .hasMessageContaining("genesis lists no domains")
                .hasMessageContaining("network init");
        assertThat(Genesis.parse(net.genesis.toBytes()).domains()).isEqualTo(TestNetwork.contracts().genesisDomains());
    }

    @Test
    void domainsMayNotClaimTheSamePrefixOrAReservedOneOrShareAnUnownedOne() {
        List<Domain> clash = new ArrayList<>(StandardContracts.domains());
        clash.add(domain("probe", 1, KeyNamespace.of("record/")));
        assertThatThrownBy(() -> new ContractRegistry(clash)).hasMessageContaining("both claim [record/]");
        assertThatThrownBy(() -> KeyNamespace.of("nonce/")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> KeyNamespace.of("id/")).hasMessageContaining("reserved");
        List<Domain> unowned = new ArrayList<>(StandardContracts.domains());
        unowned.add(domain("probe", 1, KeyNamespace.of("probe/").sharing(List.of("nobody/"))));
        assertThatThrownBy(() -> new ContractRegistry(unowned)).hasMessageContaining("shares nobody/, which no other");
    }
}
