package org.careledger.ledger;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careledger.contracts.StandardContracts;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.contracts.membership.RevokeMember;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.storage.LedgerStore;

/**
 * A consortium for ledger tests: four orgs (hospital-a, hospital-b, pharmacy-c, insurer-d), each with a P-256 CA,
 * an Ed25519 admin and a P-256 node key, and a genesis listing them. Block times are fixed (from {@link #T0}), so
 * the same transactions give the same blocks every run.
 */
final class TestNetwork {
    static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    static final Validity ORG_VALIDITY = new Validity(T0.minus(Duration.ofDays(30)), T0.plus(Duration.ofDays(3650)));
    static final Validity MEMBER_VALIDITY = new Validity(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(365)));

    /** An org's keys as `network init` would write them. */
    record OrgKeys(String id, OrgCertificateAuthority ca, Signer admin, Signer node) {}

    /** A member identity with its key and the certificate its CA issued. */
    record Member(String org, String name, Signer signer, String certificatePem) {
        String id() {
            return org + "/" + name;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, OrgKeys> orgs = new LinkedHashMap<>();
    final Genesis genesis;

    TestNetwork(String chainId) {
        List<GenesisOrg> listed = new ArrayList<>();
        int i = 0;
        for (String org : ORGS) {
            i++;
            Signer caKey = EcdsaP256Signer.generate(random);
            OrgCertificateAuthority ca = OrgCertificateAuthority.create(org, caKey, ORG_VALIDITY, random);
            Signer admin = Ed25519Signer.generate(random);
            Signer node = EcdsaP256Signer.generate(random);
            String adminPem = Pem.encodeCertificate(ca.issue(new CertificateRequest("admin", List.of("admin"),
                    admin.algorithm(), admin.publicKey(), ORG_VALIDITY)));
            String nodePem = Pem.encodeCertificate(ca.issue(new CertificateRequest("node", List.of("node"),
                    node.algorithm(), node.publicKey(), ORG_VALIDITY)));
            orgs.put(org, new OrgKeys(org, ca, admin, node));
            String role = org.substring(0, org.indexOf('-'));
            listed.add(new GenesisOrg(org, org, List.of(role), Pem.encodeCertificate(ca.certificate()), adminPem, nodePem,
                    List.of(), new NodeEndpoint("127.0.0.1", 7100 + i, 7200 + i)));
        }
        genesis = new Genesis(chainId, listed, contracts().genesisDomains(), T0.toEpochMilli());
    }

    TestNetwork() {
        this("careledger-test");
    }

    static ContractRegistry contracts() {
        return new ContractRegistry(StandardContracts.domains());
    }

    OrgKeys org(String id) {
        return orgs.get(id);
    }

    Signer admin(String org) {
        return orgs.get(org).admin();
    }

    Member member(String org, String name, String role) {
        return member(org, name, role, MEMBER_VALIDITY);
    }

    Member member(String org, String name, String role, Validity validity) {
        Signer key = Ed25519Signer.generate(random);
        String pem = Pem.encodeCertificate(orgs.get(org).ca().issue(new CertificateRequest(name, List.of(role),
                key.algorithm(), key.publicKey(), validity)));
        return new Member(org, name, key, pem);
    }

    /** A member whose certificate a different org's CA issued (with that other org in its subject). */
    Member memberIssuedBy(String org, String issuingOrg, String name) {
        Signer key = Ed25519Signer.generate(random);
        String pem = Pem.encodeCertificate(orgs.get(issuingOrg).ca().issue(new CertificateRequest(name,
                List.of("practitioner"), key.algorithm(), key.publicKey(), MEMBER_VALIDITY)));
        return new Member(org, name, key, pem);
    }

    static byte[] payload(String chainId, String signerId, long nonce, String contract, String method, byte[] args) {
        return TxPayload.newBuilder().setChainId(chainId).setSignerId(signerId).setNonce(nonce).setContract(contract)
                .setMethod(method).setArgs(ByteString.copyFrom(args)).build().toByteArray();
    }

    static TxEnvelope envelope(byte[] payload, byte[] signature) {
        return TxEnvelope.newBuilder().setPayload(ByteString.copyFrom(payload)).setSignature(ByteString.copyFrom(signature))
                .build();
    }

    TxEnvelope signed(String signerId, Signer key, long nonce, String contract, String method, byte[] args) {
        return signedFor(genesis.chainId(), signerId, key, nonce, contract, method, args);
    }

    static TxEnvelope signedFor(String chainId, String signerId, Signer key, long nonce, String contract, String method,
                                byte[] args) {
        byte[] p = payload(chainId, signerId, nonce, contract, method, args);
        return envelope(p, key.sign(p));
    }

    TxEnvelope register(String org, long nonce, Member m) {
        return signed(org + "/admin", admin(org), nonce, "membership", "registerMember",
                CanonicalJson.encode(new RegisterMember(m.name(), m.certificatePem())));
    }

    TxEnvelope revoke(String org, long nonce, String name) {
        return signed(org + "/admin", admin(org), nonce, "membership", "revokeMember",
                CanonicalJson.encode(new RevokeMember(name, "left the org")));
    }

    /** A call by a member: it is authenticated, and membership refuses it (members are not admins). */
    TxEnvelope memberCall(Member m, long nonce) {
        return signed(m.id(), m.signer(), nonce, "membership", "registerMember",
                CanonicalJson.encode(new RegisterMember("someone-" + nonce, "not a certificate")));
    }

    /** Batch number n (1-based log index), stamped n seconds after T0. */
    static OrderedBatch batch(long logIndex, List<TxEnvelope> txs) {
        return new OrderedBatch(logIndex, T0.plusSeconds(logIndex).toEpochMilli(), "hospital-a/node", txs);
    }

    static OrderedBatch batch(long logIndex, TxEnvelope... txs) {
        return batch(logIndex, List.of(txs));
    }

    Ledger open(Path dir) {
        LedgerStore store = LedgerStore.open(dir);
        try {
            return Ledger.open(store, genesis, contracts());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static TxEnvelope flipSignature(TxEnvelope tx) {
        byte[] sig = tx.getSignature().toByteArray();
        sig[sig.length / 2] ^= 0x01;
        return tx.toBuilder().setSignature(ByteString.copyFrom(sig)).build();
    }

    static void copyDir(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteDir(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
