package org.careledger.contracts.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.junit.jupiter.api.Test;

/** Role {@code emergency} (break-glass) is registered only for clinicians of provider orgs. */
class EmergencyRoleRegistrationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One org per genesis org role, each with its own CA; the org id is its role plus "-1". */
    private static final List<String> ORG_ROLES = List.of("hospital", "lab", "pharmacy", "insurer", "manufacturer",
            "distributor", "sponsor", "authority");
    private static final Map<String, OrgCertificateAuthority> CAS = new TreeMap<>();

    static {
        Validity validity = new Validity(MembershipContractTest.T0.minus(Duration.ofDays(10)),
                MembershipContractTest.T0.plus(Duration.ofDays(100)));
        for (String role : ORG_ROLES) {
            CAS.put(role, OrgCertificateAuthority.create(role + "-1", EcdsaP256Signer.generate(RANDOM), validity, RANDOM));
        }
    }

    private final MembershipContract contract = new MembershipContract();
    private final FakeContractContext ctx = new FakeContractContext(MembershipContractTest.T0.toEpochMilli());

    EmergencyRoleRegistrationTest() {
        for (String role : ORG_ROLES) {
            OrgCertificateAuthority ca = CAS.get(role);
            ctx.committed.put(StateKeys.org(ca.org()), CanonicalJson.encode(new OrgRecord(ca.org(), ca.org(),
                    List.of(role), Pem.encodeCertificate(ca.certificate()), List.of())));
            ctx.putIdentity(new Identity(ca.org() + "/admin", ca.org(), Identity.Kind.ORG_ADMIN, "ED25519",
                    Ed25519Signer.generate(RANDOM).publicKey(), new java.util.TreeSet<>(List.of("admin", role))),
                    "admin cert");
        }
    }

    /** Registers {@code name} in the org with that org role; empty on success. */
    private Optional<ContractException> register(String orgRole, String name, String... roles) {
        OrgCertificateAuthority ca = CAS.get(orgRole);
        Identity admin = ctx.identity(ca.org() + "/admin").orElseThrow();
        return ctx.as(admin).call(contract, "registerMember",
                MembershipContractTest.register(name, MembershipContractTest.cert(ca, name, roles)));
    }

    private ContractException refused(String orgRole, String name, String... roles) {
        TreeMap<String, byte[]> before = new TreeMap<>(ctx.committed);
        Optional<ContractException> e = register(orgRole, name, roles);
        assertThat(e).as("%s in a %s must be refused", List.of(roles), orgRole).isPresent();
        assertThat(ctx.committed).as("a refused registration writes nothing").isEqualTo(before);
        assertThat(ctx.events).isEmpty();
        return e.get();
    }

    @Test
    void noOrgButAProviderGivesEmergencyEvenToAPhysician() {
        for (String orgRole : List.of("pharmacy", "insurer", "manufacturer", "distributor", "sponsor", "authority")) {
            ContractException e = refused(orgRole, "er-doc", "emergency", "physician");
            assertThat(e.code()).as(orgRole).isEqualTo("MEMBER_ROLE_NOT_PERMITTED");
            assertThat(e.getMessage()).contains("emergency", orgRole + "-1/er-doc", "provider orgs",
                    "[hospital, lab]", "[" + orgRole + "]");
            assertThat(ctx.identity(orgRole + "-1/er-doc")).isEmpty();
        }
    }

    @Test
    void anInsurerOrPharmacyStillRegistersMembersWithoutEmergency() {
        assertThat(register("insurer", "claims-1", "claims")).isEmpty();
        assertThat(register("pharmacy", "pharm-1", "pharmacist")).isEmpty();
        assertThat(ctx.identity("insurer-1/claims-1")).isPresent();
        assertThat(ctx.identity("pharmacy-1/pharm-1")).isPresent();
    }

    @Test
    void emergencyWithoutAClinicalRoleIsRefusedInAHospital() {
        for (List<String> roles : List.of(List.of("emergency"), List.of("emergency", "billing"),
                List.of("auditor", "emergency"), List.of("emergency", "lab-tech"))) {
            ContractException e = refused("hospital", "er-x", roles.toArray(String[]::new));
            assertThat(e.code()).as(roles.toString()).isEqualTo("MEMBER_ROLE_NOT_PERMITTED");
            assertThat(e.getMessage()).contains("clinical role", "[nurse, physician, practitioner]");
        }
        assertThat(ctx.identity("hospital-1/er-x")).isEmpty();
    }

    @Test
    void providerOrgCliniciansAreGivenEmergency() {
        assertThat(register("hospital", "er-doc", "emergency", "physician")).isEmpty();
        assertThat(register("hospital", "er-nurse", "nurse", "emergency")).isEmpty();
        assertThat(register("hospital", "er-np", "practitioner", "emergency", "auditor")).isEmpty();
        assertThat(register("lab", "pathologist", "physician", "emergency")).isEmpty();
        assertThat(ctx.identity("hospital-1/er-doc").orElseThrow().roles()).containsExactly("emergency", "physician");
        assertThat(ctx.identity("lab-1/pathologist")).isPresent();
        assertThat(ctx.events).extracting(FakeContractContext.Event::type).containsOnly("MemberRegistered").hasSize(4);
    }

    /** Over random role sets in every kind of org: emergency is accepted exactly for a provider-org clinician. */
    @Property(tries = 120)
    void emergencyIsRegisteredExactlyForProviderOrgClinicians(@ForAll("orgRoles") String orgRole,
                                                            @ForAll("memberRoles") Set<String> roles) {
        EmergencyRoleRegistrationTest t = new EmergencyRoleRegistrationTest();
        Optional<ContractException> e = t.register(orgRole, "m-1", roles.toArray(String[]::new));
        boolean clinician = roles.contains("physician") || roles.contains("nurse") || roles.contains("practitioner");
        boolean provider = orgRole.equals("hospital") || orgRole.equals("lab");
        boolean allowed = !roles.contains("emergency") || (provider && clinician);
        if (allowed) {
            assertThat(e).as("%s in a %s", roles, orgRole).isEmpty();
        } else {
            assertThat(e).as("%s in a %s", roles, orgRole).get()
                    .extracting(ContractException::code).isEqualTo("MEMBER_ROLE_NOT_PERMITTED");
        }
    }

    @Provide
    Arbitrary<String> orgRoles() {
        return Arbitraries.of(ORG_ROLES);
    }

    @Provide
    Arbitrary<Set<String>> memberRoles() {
        List<String> pool = new ArrayList<>(List.of("emergency", "physician", "nurse", "practitioner", "lab-tech",
                "auditor", "billing", "pharmacist", "claims"));
        return Arbitraries.of(pool).set().ofMinSize(1).ofMaxSize(4);
    }
}
