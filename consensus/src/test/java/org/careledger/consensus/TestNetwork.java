package org.careledger.consensus;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.core.Hash;
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
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.NodeEndpoint;

/**
 * A consortium for tests: per org a P-256 CA, an Ed25519 admin and a P-256 node, on loopback ports that were free
 * when it was made, and signed transactions (membership.registerMember by an org admin).
 */
final class TestNetwork {
    record Org(String id, OrgCertificateAuthority ca, Signer admin, Signer node, X509Certificate nodeCertificate,
               AtomicLong nonce) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    final Genesis genesis;
    final List<Org> orgs;
    final Validity validity;
    private final AtomicLong names = new AtomicLong();

    private TestNetwork(Genesis genesis, List<Org> orgs, Validity validity) {
        this.genesis = genesis;
        this.orgs = orgs;
        this.validity = validity;
    }

    static TestNetwork create(int size) {
        Instant now = Instant.now();
        Validity validity = new Validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        List<Org> orgs = new ArrayList<>();
        List<GenesisOrg> genesisOrgs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "org-" + (char) ('a' + i);
            OrgCertificateAuthority ca = OrgCertificateAuthority.create(id, EcdsaP256Signer.generate(RANDOM), validity, RANDOM);
            Signer admin = Ed25519Signer.generate(RANDOM);
            Signer node = EcdsaP256Signer.generate(RANDOM);
            X509Certificate adminCert = ca.issue(new CertificateRequest("admin", List.of("admin"), admin.algorithm(),
                    admin.publicKey(), validity));
            X509Certificate nodeCert = ca.issue(new CertificateRequest("node", List.of("node"), node.algorithm(),
                    node.publicKey(), validity));
            orgs.add(new Org(id, ca, admin, node, nodeCert, new AtomicLong(1)));
            genesisOrgs.add(new GenesisOrg(id, "Org " + id, List.of("hospital"), Pem.encodeCertificate(ca.certificate()),
                    Pem.encodeCertificate(adminCert), Pem.encodeCertificate(nodeCert), List.of(),
                    new NodeEndpoint("127.0.0.1", 0, freePort())));
        }
        return new TestNetwork(new Genesis("test-chain", genesisOrgs, Cluster.contracts().genesisDomains(), now.toEpochMilli()), orgs, validity);
    }

    static int freePort() {
        return org.careledger.core.LoopbackPorts.free();
    }

    /** A fresh member for the org: an Ed25519 key and a certificate its CA issued. */
    record Member(String name, Signer key, String certificatePem) {}

    Member newMember(int org) {
        String name = "m" + names.incrementAndGet() + "-" + Long.toHexString(RANDOM.nextLong() & 0xffffff);
        Signer key = Ed25519Signer.generate(RANDOM);
        X509Certificate cert = orgs.get(org).ca().issue(new CertificateRequest(name, List.of("physician"),
                key.algorithm(), key.publicKey(), validity));
        return new Member(name, key, Pem.encodeCertificate(cert));
    }

    /** membership.registerMember signed by the org's admin. */
    TxEnvelope registerMember(int org, Member member) {
        Org o = orgs.get(org);
        return sign(o.admin(), o.id() + "/admin", o.nonce().getAndIncrement(), "membership", "registerMember",
                CanonicalJson.encode(new RegisterMember(member.name(), member.certificatePem())));
    }

    TxEnvelope registerMember(int org) {
        return registerMember(org, newMember(org));
    }

    TxEnvelope sign(Signer signer, String signerId, long nonce, String contract, String method, byte[] args) {
        byte[] payload = TxPayload.newBuilder()
                .setChainId(genesis.chainId())
                .setSignerId(signerId)
                .setNonce(nonce)
                .setContract(contract)
                .setMethod(method)
                .setArgs(ByteString.copyFrom(args))
                .build()
                .toByteArray();
        return TxEnvelope.newBuilder()
                .setPayload(ByteString.copyFrom(payload))
                .setSignature(ByteString.copyFrom(signer.sign(payload)))
                .build();
    }

    static Hash txId(TxEnvelope tx) {
        return Hash.sha256(tx.getPayload().toByteArray());
    }
}
