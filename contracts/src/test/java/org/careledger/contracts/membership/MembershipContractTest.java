package org.careledger.contracts.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.careledger.contracts.StandardContracts;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipContractTest {
    static final SecureRandom RANDOM = new SecureRandom();
    /** Long ago on purpose: certificates are judged at block time, never by the wall clock. */
    static final Instant T0 = Instant.parse("2021-03-01T12:00:00Z");
    private static final Validity CA_VALIDITY = new Validity(T0.minus(Duration.ofDays(400)), T0.plus(Duration.ofDays(4000)));
    private static final Validity MEMBER_VALIDITY = new Validity(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(30)));
    static final OrgCertificateAuthority CA_A = ca("hospital-a");
    private static final OrgCertificateAuthority CA_B = ca("hospital-b");

    private final MembershipContract contract = new MembershipContract();
    FakeContractContext ctx;
    Identity adminA;
    private Identity adminB;

    private static OrgCertificateAuthority ca(String org) {
        return OrgCertificateAuthority.create(org, EcdsaP256Signer.generate(RANDOM), CA_VALIDITY, RANDOM);
    }

    private static Identity identity(String id, Identity.Kind kind, String... roles) {
        Signer key = Ed25519Signer.generate(RANDOM);
        return new Identity(id, id.substring(0, id.indexOf('/')), kind, "ED25519", key.publicKey(),
                new java.util.TreeSet<>(List.of(roles)));
    }

    private static String cert(OrgCertificateAuthority ca, String name, Validity validity, String... roles) {
        Signer key = Ed25519Signer.generate(RANDOM);
        return Pem.encodeCertificate(ca.issue(new CertificateRequest(name, List.of(roles), key.algorithm(), key.publicKey(),
                validity)));
    }

    static String cert(OrgCertificateAuthority ca, String name, String... roles) {
        return cert(ca, name, MEMBER_VALIDITY, roles);
    }

    static byte[] register(String name, String certificatePem) {
        return CanonicalJson.encode(new RegisterMember(name, certificatePem));
    }

    private static byte[] revoke(String name, String reason) {
        return CanonicalJson.encode(new RevokeMember(name, reason));
    }

    @BeforeEach
    void consortium() {
        ctx = new FakeContractContext(T0.toEpochMilli());
        for (OrgCertificateAuthority ca : List.of(CA_A, CA_B)) {
            ctx.committed.put(StateKeys.org(ca.org()), CanonicalJson.encode(new OrgRecord(ca.org(), ca.org(),
                    List.of("hospital"), Pem.encodeCertificate(ca.certificate()), List.of())));
        }
        adminA = identity("hospital-a/admin", Identity.Kind.ORG_ADMIN, "admin", "hospital");
        adminB = identity("hospital-b/admin", Identity.Kind.ORG_ADMIN, "admin", "hospital");
        ctx.putIdentity(adminA, "admin-a-cert");
        ctx.putIdentity(adminB, "admin-b-cert");
    }

    private String refused(Identity signer, String method, byte[] args) {
        TreeMap<String, byte[]> before = new TreeMap<>(ctx.committed);
        int events = ctx.events.size();
        Optional<ContractException> e = ctx.as(signer).call(contract, method, args);
        assertThat(e).as("call must be refused").isPresent();
        assertThat(e.get().getMessage()).isNotBlank();
        assertThat(ctx.committed).as("a refused call writes nothing").isEqualTo(before);
        assertThat(ctx.events).hasSize(events);
        return e.get().code();
    }

    private void accepted(Identity signer, String method, byte[] args) {
        Optional<ContractException> e = ctx.as(signer).call(contract, method, args);
        assertThat(e).as(() -> e.map(Throwable::toString).orElse("")).isEmpty();
    }

    @Test
    void isTheMembershipContractOfEveryNode() {
        assertThat(contract.name()).isEqualTo("membership").isEqualTo(MembershipContract.NAME);
        assertThat(StandardContracts.all()).anyMatch(c -> c.name().equals("membership"));
    }

    @Test
    void anAdminRegistersAMemberItsCaCertified() {
        Signer key = Ed25519Signer.generate(RANDOM);
        String pem = Pem.encodeCertificate(CA_A.issue(new CertificateRequest("dr-lee", List.of("practitioner", "surgeon"),
                key.algorithm(), key.publicKey(), MEMBER_VALIDITY)));
        accepted(adminA, "registerMember", register("dr-lee", pem));

        IdentityRecord stored = CanonicalJson.decode(ctx.committed.get("id/hospital-a/dr-lee"), IdentityRecord.class);
        assertThat(stored.certificatePem()).isEqualTo(pem);
        Identity member = stored.toIdentity();
        assertThat(member.id()).isEqualTo("hospital-a/dr-lee");
        assertThat(member.org()).isEqualTo("hospital-a");
        assertThat(member.kind()).isEqualTo(Identity.Kind.MEMBER);
        assertThat(member.algorithm()).isEqualTo("ED25519");
        assertThat(member.publicKey()).isEqualTo(key.publicKey());
        assertThat(member.roles()).containsExactly("practitioner", "surgeon");
        assertThat(ctx.identity("hospital-a/dr-lee")).isPresent();

        assertThat(ctx.events).singleElement().satisfies(ev -> {
            assertThat(ev.type()).isEqualTo("MemberRegistered");
            assertThat(CanonicalJson.tree(ev.json()).get("id").asText()).isEqualTo("hospital-a/dr-lee");
            assertThat(CanonicalJson.tree(ev.json()).get("org").asText()).isEqualTo("hospital-a");
            assertThat(CanonicalJson.tree(ev.json()).get("roles").toString()).isEqualTo("[\"practitioner\",\"surgeon\"]");
        });
    }

    @Test
    void ecdsaMembersAreRegisteredWithTheirKeyInfo() {
        Signer key = EcdsaP256Signer.generate(RANDOM);
        String pem = Pem.encodeCertificate(CA_B.issue(new CertificateRequest("lab-bot", List.of("clerk"),
                key.algorithm(), key.publicKey(), MEMBER_VALIDITY)));
        accepted(adminB, "registerMember", register("lab-bot", pem));
        Identity member = ctx.identity("hospital-b/lab-bot").orElseThrow();
        assertThat(member.algorithm()).isEqualTo("ECDSA_P256");
        assertThat(member.publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void memberNamesMustBeValidAndNotReserved() {
        for (String bad : new String[] {"Dr-Lee", "admin", "node", "-lee", "dr lee", "a/b", "x".repeat(64)}) {
            assertThat(refused(adminA, "registerMember", register(bad, cert(CA_A, "dr-lee", "practitioner"))))
                    .as(bad).isEqualTo("MEMBER_NAME_INVALID");
        }
        assertThat(refused(adminA, "registerMember", "{\"certificate\":\"x\"}".getBytes())).isEqualTo("MEMBER_NAME_INVALID");
        accepted(adminA, "registerMember", register("a." + "x".repeat(61), cert(CA_A, "a." + "x".repeat(61), "nurse")));
    }

    @Test
    void aMemberCannotBeRegisteredTwice() {
        accepted(adminA, "registerMember", register("dr-lee", cert(CA_A, "dr-lee", "practitioner")));
        assertThat(refused(adminA, "registerMember", register("dr-lee", cert(CA_A, "dr-lee", "nurse"))))
                .isEqualTo("MEMBER_EXISTS");
        // the same name in another org is another identity
        accepted(adminB, "registerMember", register("dr-lee", cert(CA_B, "dr-lee", "practitioner")));
    }

    @Test
    void onlyAnOrgAdminChangesMembership() {
        Identity member = identity("hospital-a/dr-lee", Identity.Kind.MEMBER, "practitioner");
        Identity node = identity("hospital-a/node", Identity.Kind.NODE, "node");
        Identity patient = identity("patient/p-1", Identity.Kind.PATIENT);
        ctx.putIdentity(member, "pem");
        for (Identity notAdmin : List.of(member, node, patient)) {
            assertThat(refused(notAdmin, "registerMember", register("dr-new", cert(CA_A, "dr-new", "nurse"))))
                    .isEqualTo("NOT_ORG_ADMIN");
            assertThat(refused(notAdmin, "revokeMember", revoke("dr-lee", "x"))).isEqualTo("NOT_ORG_ADMIN");
        }
    }

    @Test
    void anAdminOfAnOrgMissingFromStateIsRefused() {
        Identity stranger = identity("clinic-z/admin", Identity.Kind.ORG_ADMIN, "admin");
        assertThat(refused(stranger, "registerMember", register("dr-z", cert(CA_A, "dr-z", "nurse"))))
                .isEqualTo("ORG_UNKNOWN");
    }

    @Test
    void theCertificateMustComeFromTheAdminsOwnCa() {
        assertThat(refused(adminA, "registerMember", register("dr-b", cert(CA_B, "dr-b", "practitioner"))))
                .isEqualTo("CERT_NOT_SIGNED_BY_CA");
        // a self-made CA carrying hospital-a's name is not hospital-a's CA either
        OrgCertificateAuthority impostor = ca("hospital-a");
        assertThat(refused(adminA, "registerMember", register("dr-fake", cert(impostor, "dr-fake", "practitioner"))))
                .isEqualTo("CERT_NOT_SIGNED_BY_CA");
    }

    @Test
    void validityIsJudgedAtBlockTime() {
        Validity window = new Validity(T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(20)));
        String pem = cert(CA_A, "dr-lee", window, "practitioner");
        assertThat(refused(adminA, "registerMember", register("dr-lee", pem))).isEqualTo("CERT_NOT_YET_VALID");
        ctx.at(T0.plus(Duration.ofDays(21)).toEpochMilli());
        assertThat(refused(adminA, "registerMember", register("dr-lee", pem))).isEqualTo("CERT_EXPIRED");
        // the window ended years before the wall clock: still fine at a block time inside it
        ctx.at(T0.plus(Duration.ofDays(15)).toEpochMilli());
        accepted(adminA, "registerMember", register("dr-lee", pem));
        // both ends are inclusive
        ctx.at(T0.plus(Duration.ofDays(20)).toEpochMilli());
        accepted(adminA, "registerMember", register("dr-kim", cert(CA_A, "dr-kim", window, "nurse")));
    }

    @Test
    void theCertificateMustNameTheMember() {
        assertThat(refused(adminA, "registerMember", register("dr-lee", cert(CA_A, "dr-kim", "practitioner"))))
                .isEqualTo("CERT_NAME_MISMATCH");
    }

    @Test
    void reservedOrMalformedRolesAreRefused() {
        for (String role : List.of("admin", "node", "Practitioner", "role with spaces", "r".repeat(33))) {
            assertThat(refused(adminA, "registerMember", register("dr-lee", cert(CA_A, "dr-lee", role))))
                    .as(role).isEqualTo("MEMBER_ROLE_INVALID");
        }
        assertThat(refused(adminA, "registerMember", register("dr-lee", cert(CA_A, "dr-lee", "nurse", "admin"))))
                .isEqualTo("MEMBER_ROLE_INVALID");
    }

    @Test
    void garbageIsRefusedWithAContractError() {
        assertThat(refused(adminA, "registerMember", register("dr-lee", "not a certificate"))).startsWith("PEM_");
        assertThat(refused(adminA, "registerMember", register("dr-lee", null))).isNotBlank();
        String truncated = cert(CA_A, "dr-lee", "nurse");
        truncated = truncated.substring(0, truncated.length() / 2) + "\n-----END CERTIFICATE-----\n";
        assertThat(refused(adminA, "registerMember", register("dr-lee", truncated))).isNotBlank();
        assertThat(refused(adminA, "registerMember", "{not json".getBytes())).isEqualTo("ARGS_INVALID");
        assertThat(refused(adminA, "registerMember", new byte[0])).isEqualTo("ARGS_INVALID");
        assertThat(refused(adminA, "registerMember", "null".getBytes())).isEqualTo("ARGS_INVALID");
        assertThat(refused(adminA, "revokeMember", "[1,2]".getBytes())).isEqualTo("ARGS_INVALID");
        assertThat(refused(adminA, "promote", "{}".getBytes())).isEqualTo("METHOD_UNKNOWN");
        assertThat(refused(adminA, "", "{}".getBytes())).isEqualTo("METHOD_UNKNOWN");
    }

    @Test
    void anAdminRevokesItsOwnMembersOnly() {
        String pem = cert(CA_A, "dr-lee", "practitioner");
        accepted(adminA, "registerMember", register("dr-lee", pem));
        // b's admin can only name b's members
        assertThat(refused(adminB, "revokeMember", revoke("dr-lee", "no"))).isEqualTo("MEMBER_UNKNOWN");
        assertThat(refused(adminA, "revokeMember", revoke("admin", "no"))).isEqualTo("MEMBER_UNKNOWN");
        assertThat(refused(adminA, "revokeMember", revoke("dr-nobody", "no"))).isEqualTo("MEMBER_UNKNOWN");
        assertThat(ctx.identity("hospital-a/dr-lee")).isPresent();

        ctx.at(T0.plus(Duration.ofDays(3)).toEpochMilli());
        accepted(adminA, "revokeMember", revoke("dr-lee", "left the hospital"));
        assertThat(ctx.committed).doesNotContainKey("id/hospital-a/dr-lee");
        MemberRevocation r = CanonicalJson.decode(ctx.committed.get("revoked/hospital-a/dr-lee"), MemberRevocation.class);
        assertThat(r).isEqualTo(new MemberRevocation("hospital-a/dr-lee", "left the hospital",
                T0.plus(Duration.ofDays(3)).toEpochMilli(), "hospital-a/admin", pem));
        assertThat(ctx.events).last().satisfies(ev -> assertThat(ev.type()).isEqualTo("MemberRevoked"));
        assertThat(refused(adminA, "revokeMember", revoke("dr-lee", "again"))).isEqualTo("MEMBER_UNKNOWN");

        // no reason given is an empty reason; the name can be registered again with a new certificate
        accepted(adminA, "registerMember", register("dr-lee", cert(CA_A, "dr-lee", "practitioner")));
        accepted(adminA, "revokeMember", "{\"name\":\"dr-lee\"}".getBytes());
        assertThat(CanonicalJson.decode(ctx.committed.get("revoked/hospital-a/dr-lee"), MemberRevocation.class).reason())
                .isEmpty();
    }

    @Test
    void theContractIsDeterministic() {
        String pem = cert(CA_A, "dr-lee", "practitioner");
        FakeContractContext other = new FakeContractContext(T0.toEpochMilli());
        other.committed.putAll(ctx.committed);
        accepted(adminA, "registerMember", register("dr-lee", pem));
        assertThat(other.as(adminA).call(contract, "registerMember", register("dr-lee", pem))).isEmpty();
        assertThat(other.committed).containsOnlyKeys(ctx.committed.keySet());
        for (Map.Entry<String, byte[]> e : ctx.committed.entrySet()) {
            assertThat(other.committed.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(other.events.get(0).json()).isEqualTo(ctx.events.get(0).json());
    }
}
