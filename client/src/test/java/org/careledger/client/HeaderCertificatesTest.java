package org.careledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.api.CertificateView;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HeaderView;
import org.careledger.api.InclusionProofView;
import org.careledger.api.SignatureView;
import org.careledger.api.TxProofView;
import org.careledger.api.TxView;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.client.drugs.DrugClient;
import org.careledger.client.drugs.DrugProofCheck;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.merkle.InMemoryMerkleNodeStore;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.MerkleLog;
import org.careledger.core.proto.BlockHeader;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The certificate check with real keys: a genesis-like document whose node certificates carry freshly generated
 * ECDSA P-256 keys, and headers signed the way the nodes' BlockSigner signs them (DER ECDSA over the 32 raw bytes of
 * SHA-256(header bytes)).
 */
class HeaderCertificatesTest {
    private static final String CHAIN = "careledger-light-test";
    private static final List<String> ORGS = List.of("org-a", "org-b", "org-c", "org-d");
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Signer> NODE_KEYS = new LinkedHashMap<>();
    private static final Signer OUTSIDER = EcdsaP256Signer.generate(RANDOM);
    private static byte[] genesisJson;
    private static GenesisNodes nodes;
    /** A log of 11 tx ids; the headers below commit to its first 7 and to all 11. */
    private static MerkleLog log;
    private static final List<byte[]> TX_IDS = new ArrayList<>();

    @BeforeAll
    static void consortium() {
        Instant now = Instant.now();
        Validity validity = new Validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        List<Map<String, Object>> orgs = new ArrayList<>();
        for (String org : ORGS) {
            OrgCertificateAuthority ca = OrgCertificateAuthority.create(org, EcdsaP256Signer.generate(RANDOM), validity,
                    RANDOM);
            Signer nodeKey = EcdsaP256Signer.generate(RANDOM);
            Signer adminKey = Ed25519Signer.generate(RANDOM);
            NODE_KEYS.put(org + "/node", nodeKey);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", org);
            o.put("caCertificate", Pem.encodeCertificate(ca.certificate()));
            o.put("adminCertificate", Pem.encodeCertificate(ca.issue(new CertificateRequest("admin", List.of("admin"),
                    adminKey.algorithm(), adminKey.publicKey(), validity))));
            o.put("nodeCertificate", Pem.encodeCertificate(ca.issue(new CertificateRequest("node", List.of("node"),
                    nodeKey.algorithm(), nodeKey.publicKey(), validity))));
            orgs.add(o);
        }
        genesisJson = CanonicalJson.encode(Map.of("chainId", CHAIN, "orgs", orgs, "createdAtMillis", 1L));
        nodes = GenesisNodes.fromGenesisJson(genesisJson);
        log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        for (int i = 0; i < 11; i++) {
            byte[] id = Hash.sha256(("tx-" + i).getBytes(StandardCharsets.UTF_8)).bytes();
            TX_IDS.add(id);
            log.append(id);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // genesis

    @Test
    void genesisGivesEachOrgsNodeKeyAndTheQuorum() {
        assertThat(nodes.chainId()).isEqualTo(CHAIN);
        assertThat(nodes.nodeIds()).containsExactly("org-a/node", "org-b/node", "org-c/node", "org-d/node");
        assertThat(nodes.orgCount()).isEqualTo(4);
        assertThat(nodes.quorum()).isEqualTo(3);
        NODE_KEYS.forEach((id, key) -> assertThat(nodes.key(id)).hasValue(key.publicKey()));
        // ⌊2n/3⌋+1, as Genesis.quorum()
        assertThat(new GenesisNodes(CHAIN, Map.of(), 1).quorum()).isEqualTo(1);
        assertThat(new GenesisNodes(CHAIN, Map.of(), 3).quorum()).isEqualTo(3);
        assertThat(new GenesisNodes(CHAIN, Map.of(), 7).quorum()).isEqualTo(5);
        assertThatThrownBy(() -> GenesisNodes.fromGenesisJson("{\"chainId\":\"x\",\"orgs\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("GENESIS_INVALID"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // certificates

    @Test
    void aQuorumOfGenesisSignaturesCertifiesTheHeader() {
        HeaderView view = signedBy(header(5, 7), "org-a/node", "org-c/node", "org-d/node");
        CheckedHeader checked = HeaderCertificates.certified(view, nodes);
        assertThat(checked.certified()).isTrue();
        assertThat(checked.signers()).containsExactly("org-a/node", "org-c/node", "org-d/node");
        assertThat(checked.hash()).isEqualTo(view.hash());
        assertThat(checked.height()).isEqualTo(5);
        assertThat(HEX.formatHex(checked.header().getLogRoot().toByteArray())).isEqualTo(view.logRoot());
        HeaderView all = signedBy(header(5, 7), "org-a/node", "org-b/node", "org-c/node", "org-d/node");
        assertThat(ProofChecker.verifyHeader(all, nodes).signers()).hasSize(4);
    }

    @Test
    void aHeaderWithoutCertificateIsUncertified() {
        HeaderView view = withCertificate(view(header(5, 7)), null);
        assertThat(HeaderCertificates.check(view, nodes).certified()).isFalse();
        assertCode(() -> HeaderCertificates.certified(view, nodes), HeaderCertificates.HEADER_UNCERTIFIED);
        // the explicit single-node path still accepts it: it only checks the bytes
        assertThat(ProofChecker.verifyHeaderUncertified(view).getHeight()).isEqualTo(5);
    }

    @Test
    void fewerThanAQuorumIsUncertifiedWhateverTheNodeClaims() {
        HeaderView two = signedBy(header(5, 7), "org-a/node", "org-b/node");
        CheckedHeader checked = HeaderCertificates.check(two, nodes);
        assertThat(checked.signers()).hasSize(2);
        assertThat(checked.certified()).isFalse();
        assertCode(() -> HeaderCertificates.certified(two, nodes), HeaderCertificates.HEADER_UNCERTIFIED);
        // the node's own quorum and "final" flag are not believed
        CertificateView c = two.certificate();
        HeaderView claimsFinal = withCertificate(two, new CertificateView(c.height(), c.blockHash(), 1, true,
                c.signatures()));
        assertCode(() -> HeaderCertificates.certified(claimsFinal, nodes), HeaderCertificates.HEADER_UNCERTIFIED);
    }

    @Test
    void aSignatureByAKeyNotInGenesisIsRefused() {
        BlockHeader h = header(5, 7);
        HeaderView good = signedBy(h, "org-a/node", "org-b/node", "org-c/node");
        String hashHex = good.hash();
        // a node genesis does not list, alongside a quorum of real ones
        List<SignatureView> extra = new ArrayList<>(good.certificate().signatures());
        extra.add(new SignatureView("org-x/node", HEX.formatHex(OUTSIDER.sign(HEX.parseHex(hashHex)))));
        assertCode(() -> HeaderCertificates.check(withSignatures(good, extra), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
        // a key not in genesis posing as a genesis node: the third signature of the quorum
        List<SignatureView> posing = new ArrayList<>(good.certificate().signatures().subList(0, 2));
        posing.add(new SignatureView("org-d/node", HEX.formatHex(OUTSIDER.sign(HEX.parseHex(hashHex)))));
        assertCode(() -> HeaderCertificates.certified(withSignatures(good, posing), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
        // garbage instead of a signature
        List<SignatureView> garbage = new ArrayList<>(good.certificate().signatures().subList(0, 2));
        garbage.add(new SignatureView("org-d/node", "zz"));
        assertCode(() -> HeaderCertificates.certified(withSignatures(good, garbage), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
    }

    @Test
    void aSignatureCopiedFromAnotherHeaderIsRefused() {
        HeaderView here = signedBy(header(5, 7), "org-a/node", "org-b/node");
        HeaderView next = signedBy(header(6, 11), "org-a/node", "org-b/node", "org-c/node");
        SignatureView copied = next.certificate().signatures().get(2);
        List<SignatureView> sigs = new ArrayList<>(here.certificate().signatures());
        sigs.add(copied);
        assertCode(() -> HeaderCertificates.certified(withSignatures(here, sigs), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
        // a whole certificate of another block, served with this header
        assertCode(() -> HeaderCertificates.certified(withCertificate(here, next.certificate()), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
        // ... or relabelled with this header's height and hash: its signatures are over the other hash
        CertificateView relabelled = new CertificateView(5, here.hash(), 3, true, next.certificate().signatures());
        assertCode(() -> HeaderCertificates.certified(withCertificate(here, relabelled), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
    }

    @Test
    void anOrgIsNeverCountedTwice() {
        HeaderView two = signedBy(header(5, 7), "org-a/node", "org-b/node");
        byte[] hash = HEX.parseHex(two.hash());
        // a second, equally valid signature by org-a (ECDSA signatures differ each time) makes three entries
        List<SignatureView> sigs = new ArrayList<>(two.certificate().signatures());
        sigs.add(new SignatureView("org-a/node", HEX.formatHex(NODE_KEYS.get("org-a/node").sign(hash))));
        assertThat(sigs).hasSize(3);
        assertCode(() -> HeaderCertificates.certified(withSignatures(two, sigs), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
        // the very same signature twice
        List<SignatureView> same = new ArrayList<>(two.certificate().signatures());
        same.add(same.get(1));
        assertCode(() -> HeaderCertificates.check(withSignatures(two, same), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);
    }

    @Test
    void tamperedHeaderBytesAreCaught() {
        HeaderView good = signedBy(header(5, 7), "org-a/node", "org-b/node", "org-c/node");
        byte[] bytes = Base64.getDecoder().decode(good.headerBytes());
        bytes[bytes.length - 1] ^= 0x01;
        // bytes changed, claimed hash kept
        HeaderView flipped = withBytes(good, bytes, good.hash());
        assertCode(() -> HeaderCertificates.certified(flipped, nodes), HeaderCertificates.HEADER_HASH_MISMATCH);
        // a different header (another log root) with its own, consistent hash, under the genuine signatures
        BlockHeader forged = header(5, 7).toBuilder().setLogRoot(ByteString.copyFrom(log.root(6))).build();
        String forgedHash = Hash.sha256(forged.toByteArray()).hex();
        HeaderView lie = withCertificate(view(forged), new CertificateView(5, forgedHash, 3, true,
                good.certificate().signatures()));
        assertCode(() -> HeaderCertificates.certified(lie, nodes), HeaderCertificates.CERTIFICATE_INVALID);
        // the bytes are genuine but the JSON fields lie
        HeaderView jsonLie = new HeaderView(good.chainId(), good.height(), good.hash(), good.prevHash(),
                good.timestampMillis(), good.logSize(), HEX.formatHex(log.root(6)), good.resultsDigest(),
                good.stateDigest(), good.txCount(), good.proposer(), good.headerBytes(), good.certificate());
        assertCode(() -> HeaderCertificates.certified(jsonLie, nodes), HeaderCertificates.HEADER_HASH_MISMATCH);
    }

    @Test
    void aCertifiedHeaderOfAnotherChainIsRefused() {
        BlockHeader other = header(5, 7).toBuilder().setChainId("another-chain").build();
        HeaderView view = signedBy(other, "org-a/node", "org-b/node", "org-c/node");
        assertCode(() -> HeaderCertificates.certified(view, nodes), HeaderCertificates.HEADER_WRONG_CHAIN);
    }

    // ---------------------------------------------------------------------------------------------------------
    // proofs under certified headers

    @Test
    void aTxIsProvenOnlyUnderACertifiedHeader() {
        HeaderView certified = signedBy(header(6, 11), "org-b/node", "org-c/node", "org-d/node");
        TxProofView proof = txProof(4, certified);
        assertThat(ProofChecker.verifyTx(proof, nodes).height()).isEqualTo(6);

        TxProofView uncertified = txProof(4, signedBy(header(6, 11), "org-b/node"));
        assertCode(() -> ProofChecker.verifyTx(uncertified, nodes), HeaderCertificates.HEADER_UNCERTIFIED);
        assertThat(ProofChecker.verifyTxUncertified(uncertified).getHeight()).isEqualTo(6);

        InclusionProofView p = proof.proof();
        List<String> path = new ArrayList<>(p.path());
        path.set(0, flip(path.get(0)));
        TxProofView badPath = new TxProofView(proof.tx(), new InclusionProofView(p.leafIndex(), p.treeSize(),
                p.leafHash(), path, p.root()), certified);
        assertCode(() -> ProofChecker.verifyTx(badPath, nodes), "PROOF_INVALID");
    }

    @Test
    void consistencyIsCheckedBetweenTwoCertifiedHeaders() {
        HeaderView first = signedBy(header(5, 7), "org-a/node", "org-b/node", "org-c/node");
        HeaderView second = signedBy(header(6, 11), "org-b/node", "org-c/node", "org-d/node");
        ConsistencyProofView c = new ConsistencyProofView(7, 11, HEX.formatHex(log.root(7)), HEX.formatHex(log.root(11)),
                log.consistencyProof(7, 11).path().stream().map(HEX::formatHex).toList());
        ProofChecker.verifyConsistency(c, first, second, nodes);

        HeaderView firstUncertified = signedBy(header(5, 7), "org-a/node");
        assertCode(() -> ProofChecker.verifyConsistency(c, firstUncertified, second, nodes),
                HeaderCertificates.HEADER_UNCERTIFIED);
        // the proof is between other sizes than the certified headers
        ConsistencyProofView other = new ConsistencyProofView(6, 11, HEX.formatHex(log.root(6)), HEX.formatHex(log.root(11)),
                log.consistencyProof(6, 11).path().stream().map(HEX::formatHex).toList());
        assertCode(() -> ProofChecker.verifyConsistency(other, first, second, nodes), "PROOF_INVALID");
    }

    // ---------------------------------------------------------------------------------------------------------

    // ---------------------------------------------------------------------------------------------------------
    // drug answers (DrugClient.checkProofs)

    @Test
    void aDrugAnswerIsCheckedAgainstTheQuorumCertificateAndEveryCustodyProof() {
        HeaderView header = signedBy(header(5, 7), "org-a/node", "org-b/node", "org-c/node");
        DrugVerification answer = drugAnswer(header, txProof(2, header).proof(), txProof(4, header).proof(), null);
        DrugProofCheck.Checked checked = DrugClient.checkProofs(answer, nodes);
        assertThat(checked.certified()).isTrue();
        assertThat(checked.proven()).isEqualTo(2); // the third step came after the header: not proven, not refused
        assertThat(checked.total()).isEqualTo(3);
        assertThat(checked.height()).isEqualTo(5);
        assertThat(checked.signers()).isEqualTo(3);

        // a path hash altered: the custody step does not lead to the certified log root
        InclusionProofView good = txProof(4, header).proof();
        List<String> path = new ArrayList<>(good.path());
        path.set(0, flip(path.getFirst()));
        InclusionProofView forged = new InclusionProofView(good.leafIndex(), good.treeSize(), good.leafHash(), path,
                good.root());
        assertCode(() -> DrugClient.checkProofs(drugAnswer(header, txProof(2, header).proof(), forged, null), nodes),
                "PROOF_INVALID");

        // a certificate signed by a key genesis does not list
        List<SignatureView> sigs = new ArrayList<>(header.certificate().signatures());
        sigs.set(0, new SignatureView("org-a/node", HEX.formatHex(OUTSIDER.sign(HEX.parseHex(header.hash())))));
        assertCode(() -> DrugClient.checkProofs(drugAnswer(withSignatures(header, sigs), txProof(2, header).proof(), null, null), nodes),
                HeaderCertificates.CERTIFICATE_INVALID);

        // too few signatures yet: reported as not certified, never assumed
        HeaderView young = signedBy(header(5, 7), "org-a/node");
        assertThat(DrugClient.checkProofs(drugAnswer(young, txProof(2, young).proof(), null, null), nodes).certified()).isFalse();
    }

    /** A verify answer whose custody steps are transactions 2, 4 and 6 of the log, with these proofs (null: newer). */
    private static DrugVerification drugAnswer(HeaderView header, InclusionProofView... proofs) {
        List<DrugVerification.CustodyStep> steps = new ArrayList<>();
        int[] tx = {2, 4, 6};
        for (int i = 0; i < proofs.length; i++) {
            DrugVerification.Proven proven = proofs[i] == null ? null
                    : new DrugVerification.Proven(3, 0, tx[i], proofs[i]);
            steps.add(new DrugVerification.CustodyStep(i, "commission", "org-a", "org-a/line", null, null, 0, -1, null,
                    HEX.formatHex(TX_IDS.get(tx[i])), proven, null, null, null, null));
        }
        return new DrugVerification("sgtin", "GENUINE", "known", "urn:epc:id:sgtin:0614141.107346.2017", "00614141073467",
                "2017", null, 0, "2026-01-01", null, null, steps, steps.size(), List.of(), header, null, null, List.of());
    }

    private static BlockHeader header(long height, long logSize) {
        return BlockHeader.newBuilder()
                .setChainId(CHAIN)
                .setHeight(height)
                .setPrevHash(ByteString.copyFrom(Hash.sha256(("block " + (height - 1)).getBytes(StandardCharsets.UTF_8)).bytes()))
                .setTimestampMillis(1_700_000_000_000L + height)
                .setLogSize(logSize)
                .setLogRoot(ByteString.copyFrom(log.root(logSize)))
                .setTxCount(2)
                .setProposer("org-a/node")
                .setLogIndex(height * 3)
                .build();
    }

    /** The view a node serves, with the signatures the named nodes make as BlockSigner does. */
    private static HeaderView signedBy(BlockHeader header, String... signers) {
        HeaderView v = view(header);
        byte[] hash = HEX.parseHex(v.hash());
        List<SignatureView> sigs = new ArrayList<>();
        for (String s : signers) {
            sigs.add(new SignatureView(s, HEX.formatHex(NODE_KEYS.get(s).sign(hash))));
        }
        return withCertificate(v, new CertificateView(header.getHeight(), v.hash(), 3, sigs.size() >= 3, sigs));
    }

    private static HeaderView view(BlockHeader h) {
        byte[] bytes = h.toByteArray();
        return new HeaderView(h.getChainId(), h.getHeight(), Hash.sha256(bytes).hex(), HEX.formatHex(h.getPrevHash()
                .toByteArray()), h.getTimestampMillis(), h.getLogSize(), HEX.formatHex(h.getLogRoot().toByteArray()),
                "", "", h.getTxCount(), h.getProposer(), Base64.getEncoder().encodeToString(bytes), null);
    }

    private static HeaderView withCertificate(HeaderView v, CertificateView c) {
        return new HeaderView(v.chainId(), v.height(), v.hash(), v.prevHash(), v.timestampMillis(), v.logSize(),
                v.logRoot(), v.resultsDigest(), v.stateDigest(), v.txCount(), v.proposer(), v.headerBytes(), c);
    }

    private static HeaderView withSignatures(HeaderView v, List<SignatureView> sigs) {
        CertificateView c = v.certificate();
        return withCertificate(v, new CertificateView(c.height(), c.blockHash(), c.quorum(), true, sigs));
    }

    private static HeaderView withBytes(HeaderView v, byte[] bytes, String hash) {
        return new HeaderView(v.chainId(), v.height(), hash, v.prevHash(), v.timestampMillis(), v.logSize(),
                v.logRoot(), v.resultsDigest(), v.stateDigest(), v.txCount(), v.proposer(),
                Base64.getEncoder().encodeToString(bytes), v.certificate());
    }

    private static TxProofView txProof(int index, HeaderView header) {
        InclusionProof p = log.inclusionProof(index, header.logSize());
        String txId = HEX.formatHex(TX_IDS.get(index));
        TxView tx = new TxView(txId, "org-a/admin", 1, "membership", "registerMember", null, 3, 0, index, "VALID",
                null, null, List.of(), "");
        return new TxProofView(tx, new InclusionProofView(index, header.logSize(), HEX.formatHex(log.leafHash(index)),
                p.path().stream().map(HEX::formatHex).toList(), header.logRoot()), header);
    }

    private static String flip(String hex) {
        char c = hex.charAt(0);
        return (c == '0' ? '1' : '0') + hex.substring(1);
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
