package org.careledger.node.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.api.CertificateView;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HeaderView;
import org.careledger.api.InclusionProofView;
import org.careledger.api.SignatureView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxProofView;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.CheckedHeader;
import org.careledger.client.GenesisNodes;
import org.careledger.client.HeaderCertificates;
import org.careledger.client.ProofChecker;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.BlockHeader;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.ledger.GenesisOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A light client on a real four-node Raft network (the drug consortium's, quorum 3): transaction proofs under real
 * final headers check out against the genesis node keys, from every node; a node that forges the header or its
 * certificate is caught.
 */
class LightClientIT {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    static DrugNetwork net;
    static GenesisNodes nodes;
    static SubmitResponse first;
    static SubmitResponse second;

    @BeforeAll
    static void network() {
        net = new DrugNetwork(dir);
        nodes = GenesisNodes.fromGenesis(net.layout.genesis());
        first = register("acme", "dr-light-1");
        second = register("wholesale", "dr-light-2");
        assertThat(second.height()).isGreaterThan(first.height());
        net.awaitSameFinalHead();
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void genesisNodesAreTheNetworksBlockSigners() {
        assertThat(nodes.chainId()).isEqualTo(net.genesis.chainId());
        assertThat(nodes.quorum()).isEqualTo(net.genesis.quorum()).isEqualTo(3);
        assertThat(nodes.nodeIds()).containsExactlyElementsOf(net.genesis.orgs().stream().map(GenesisOrg::nodeId)
                .toList());
    }

    @Test
    void everyNodesProofChecksOutUnderAQuorumCertifiedHeader() {
        for (String org : net.nodes.keySet()) {
            TxProofView proof = net.client(org).tx(first.txId(), second.height());
            CheckedHeader h = ProofChecker.verifyTx(proof, nodes);
            assertThat(h.height()).as(org).isEqualTo(second.height());
            assertThat(h.signers()).as(org).hasSizeGreaterThanOrEqualTo(3).isSubsetOf(nodes.nodeIds());
            assertThat(h.hash()).isEqualTo(second.blockHash());
        }
        // under its own block too, and against the newest head once final
        assertThat(ProofChecker.verifyTx(net.client.tx(first.txId(), first.height()), nodes).height())
                .isEqualTo(first.height());
        assertThat(ProofChecker.verifyHeader(net.client.head(), nodes).certified()).isTrue();
    }

    @Test
    void aForgedHeaderIsCaught() {
        TxProofView real = net.client.tx(first.txId(), second.height());
        ProofChecker.verifyTx(real, nodes);
        HeaderView h = real.header();

        // the lying node serves a header committing to a log with a transaction that never was, with an inclusion
        // proof that is perfectly consistent with it, under the genuine signatures
        byte[] fakeTx = Hash.sha256("a transaction no node ordered".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .bytes();
        byte[] fakeRoot = Rfc6962.leafHash(fakeTx);
        BlockHeader forged = parse(h).toBuilder().setLogSize(1).setLogRoot(ByteString.copyFrom(fakeRoot)).build();
        String forgedHash = Hash.sha256(forged.toByteArray()).hex();
        HeaderView forgedView = new HeaderView(h.chainId(), h.height(), forgedHash, h.prevHash(), h.timestampMillis(),
                1, HEX.formatHex(fakeRoot), h.resultsDigest(), h.stateDigest(), h.txCount(), h.proposer(),
                Base64.getEncoder().encodeToString(forged.toByteArray()), new CertificateView(h.height(), forgedHash,
                h.certificate().quorum(), true, h.certificate().signatures()));
        var fakeTxView = new org.careledger.api.TxView(HEX.formatHex(fakeTx), "acme/admin", 1, "membership",
                "registerMember", null, h.height(), 0, 0, "VALID", null, null, List.of(), "");
        TxProofView lie = new TxProofView(fakeTxView, new InclusionProofView(0, 1, HEX.formatHex(fakeRoot), List.of(),
                HEX.formatHex(fakeRoot)), forgedView);
        // checking the bytes alone, as clients did before, the lie passes ...
        assertThat(ProofChecker.verifyTxUncertified(lie).getHeight()).isEqualTo(second.height());
        // ... the genesis node keys catch it
        assertCode(() -> ProofChecker.verifyTx(lie, nodes), HeaderCertificates.CERTIFICATE_INVALID);

        // the real header with its bytes tampered
        byte[] bytes = Base64.getDecoder().decode(h.headerBytes());
        bytes[bytes.length - 1] ^= 0x01;
        assertCode(() -> ProofChecker.verifyTx(new TxProofView(real.tx(), real.proof(), withBytes(h, bytes)), nodes),
                HeaderCertificates.HEADER_HASH_MISMATCH);
    }

    @Test
    void aForgedCertificateIsCaught() {
        TxProofView real = net.client.tx(first.txId(), second.height());
        HeaderView h = real.header();
        List<SignatureView> sigs = h.certificate().signatures();
        assertThat(sigs).hasSizeGreaterThanOrEqualTo(3);

        // signatures dropped below the quorum, the node still calling it final with a quorum of its own making
        HeaderView dropped = withSignatures(h, sigs.subList(0, 2), 2);
        assertCode(() -> ProofChecker.verifyTx(with(real, dropped), nodes), HeaderCertificates.HEADER_UNCERTIFIED);
        HeaderView none = withCertificate(h, null);
        assertCode(() -> ProofChecker.verifyTx(with(real, none), nodes), HeaderCertificates.HEADER_UNCERTIFIED);

        // one genesis node's signature counted three times
        HeaderView thrice = withSignatures(h, List.of(sigs.get(0), sigs.get(0), sigs.get(0)), 3);
        assertCode(() -> ProofChecker.verifyTx(with(real, thrice), nodes), HeaderCertificates.CERTIFICATE_INVALID);

        // a signature from the certificate of another real, final block
        CertificateView other = net.client.block(first.height()).header().certificate();
        List<SignatureView> pasted = new ArrayList<>(sigs.subList(0, 2));
        SignatureView foreign = other.signatures().stream()
                .filter(s -> pasted.stream().noneMatch(p -> p.nodeId().equals(s.nodeId()))).findFirst().orElseThrow();
        pasted.add(foreign);
        assertCode(() -> ProofChecker.verifyTx(with(real, withSignatures(h, pasted, 3)), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);

        // a key genesis does not list, signing in a genesis node's name
        Signer outsider = EcdsaP256Signer.generate(RANDOM);
        List<SignatureView> posing = new ArrayList<>(sigs.subList(0, 2));
        String absent = nodes.nodeIds().stream()
                .filter(id -> posing.stream().noneMatch(p -> p.nodeId().equals(id))).findFirst().orElseThrow();
        posing.add(new SignatureView(absent, HEX.formatHex(outsider.sign(HEX.parseHex(h.hash())))));
        assertCode(() -> ProofChecker.verifyTx(with(real, withSignatures(h, posing, 3)), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
    }

    @Test
    void theLogOnlyGrewBetweenTwoCertifiedHeaders() {
        HeaderView then = net.client.block(first.height()).header();
        HeaderView now = net.client.block(second.height()).header();
        ConsistencyProofView c = net.client.consistency(then.logSize(), now.logSize());
        ProofChecker.verifyConsistency(c, then, now, nodes);
        HeaderView thenUncertified = withCertificate(then, null);
        assertCode(() -> ProofChecker.verifyConsistency(c, thenUncertified, now, nodes),
                HeaderCertificates.HEADER_UNCERTIFIED);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Registers a practitioner through the org's own node and waits for its block to be final. */
    private static SubmitResponse register(String org, String name) {
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(net.genesis.org(org).orElseThrow()
                .caCertificate()), KeyFiles.readSigner(net.layout.caKey(org)), RANDOM);
        Signer key = Ed25519Signer.generate(RANDOM);
        Instant now = Instant.now();
        String pem = Pem.encodeCertificate(ca.issue(new CertificateRequest(name, List.of("practitioner"),
                key.algorithm(), key.publicKey(), new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))))));
        SubmitResponse r = net.client(org).submit(net.admin(org).sign("membership", "registerMember",
                new RegisterMember(name, pem)), Wait.FINAL);
        assertThat(r.valid()).as(r.toString()).isTrue();
        return r;
    }

    private static BlockHeader parse(HeaderView h) {
        try {
            return BlockHeader.parseFrom(Base64.getDecoder().decode(h.headerBytes()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static TxProofView with(TxProofView p, HeaderView h) {
        return new TxProofView(p.tx(), p.proof(), h);
    }

    private static HeaderView withCertificate(HeaderView v, CertificateView c) {
        return new HeaderView(v.chainId(), v.height(), v.hash(), v.prevHash(), v.timestampMillis(), v.logSize(),
                v.logRoot(), v.resultsDigest(), v.stateDigest(), v.txCount(), v.proposer(), v.headerBytes(), c);
    }

    private static HeaderView withSignatures(HeaderView v, List<SignatureView> sigs, int claimedQuorum) {
        CertificateView c = v.certificate();
        return withCertificate(v, new CertificateView(c.height(), c.blockHash(), claimedQuorum, true, sigs));
    }

    private static HeaderView withBytes(HeaderView v, byte[] bytes) {
        return new HeaderView(v.chainId(), v.height(), v.hash(), v.prevHash(), v.timestampMillis(), v.logSize(),
                v.logRoot(), v.resultsDigest(), v.stateDigest(), v.txCount(), v.proposer(),
                Base64.getEncoder().encodeToString(bytes), v.certificate());
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
