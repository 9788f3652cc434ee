package org.careledger.node.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.OrgSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code network init --orgs 'acme=manufacturer@0614141;4012345'}: genesis gives orgs GS1 company prefixes. */
class CompanyPrefixSpecTest {
    @Test
    void prefixesFollowTheRolesAfterAnAt() {
        OrgSpec acme = OrgSpec.parse("acme=manufacturer+distributor@0614141;4012345");
        assertThat(acme.id()).isEqualTo("acme");
        assertThat(acme.roles()).containsExactly("manufacturer", "distributor");
        assertThat(acme.companyPrefixes()).containsExactly("0614141", "4012345");
        assertThat(OrgSpec.parse("pharmacy-c").companyPrefixes()).isEmpty();
        assertThat(OrgSpec.parse("manufacturer-x@9520001").roles()).containsExactly("manufacturer");
        assertThat(new OrgSpec("lab-1", List.of("lab")).companyPrefixes()).isEmpty();
        assertThatThrownBy(() -> OrgSpec.parse("acme=manufacturer@06141"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("COMPANY_PREFIX_INVALID"));
        assertThatThrownBy(() -> OrgSpec.parse("acme=manufacturer@0614141x"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("COMPANY_PREFIX_INVALID"));
    }

    @Test
    void genesisCarriesThem(@TempDir Path dir) {
        Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("prefixes",
                List.of(OrgSpec.parse("acme=manufacturer@0614141;4012345"), OrgSpec.parse("pharmacy-c")),
                "127.0.0.1", 7100, false));
        assertThat(genesis.org("acme").orElseThrow().companyPrefixes()).containsExactly("0614141", "4012345");
        assertThat(genesis.org("pharmacy-c").orElseThrow().companyPrefixes()).isEmpty();
    }
}
