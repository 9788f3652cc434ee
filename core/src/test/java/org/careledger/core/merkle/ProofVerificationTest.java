package org.careledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each rejection rule of the verifiers, with its code, and how the proof records treat their arrays. */
class ProofVerificationTest {
    private static final MerkleLog LOG = logOf(13);

    private static MerkleLog logOf(int size) {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        for (int i = 0; i < size; i++) {
            log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return log;
    }

    @Test
    void an_inclusion_proof_with_one_hash_too_many_or_too_few_is_malformed() {
        InclusionProof proof = LOG.inclusionProof(5, 13);
        List<byte[]> longer = new ArrayList<>(proof.path());
        longer.add(LOG.root());
        List<byte[]> shorter = proof.path().subList(0, proof.path().size() - 1);

        assertRejected(() -> new InclusionProof(5, 13, longer).verifyOrThrow(LOG.leafHash(5), LOG.root()),
                MerkleProofException.PROOF_MALFORMED, "has 4 hashes, got 5");
        assertRejected(() -> new InclusionProof(5, 13, shorter).verifyOrThrow(LOG.leafHash(5), LOG.root()),
                MerkleProofException.PROOF_MALFORMED, "has 4 hashes, got 3");
    }

    @Test
    void an_inclusion_proof_for_an_index_outside_the_tree_is_rejected() {
        assertRejected(() -> new InclusionProof(13, 13, List.of()).verifyOrThrow(LOG.leafHash(0), LOG.root()),
                MerkleProofException.INDEX_OUT_OF_RANGE, "outside a tree of 13");
        assertRejected(() -> new InclusionProof(0, 0, List.of()).verifyOrThrow(LOG.leafHash(0), LOG.root()),
                MerkleProofException.INDEX_OUT_OF_RANGE, "outside a tree of 0");
        assertRejected(() -> new InclusionProof(-1, 13, List.of()).verifyOrThrow(LOG.leafHash(0), LOG.root()),
                MerkleProofException.PROOF_MALFORMED, "negative");
    }

    @Test
    void hashes_that_are_not_32_bytes_are_rejected_wherever_they_appear() {
        InclusionProof proof = LOG.inclusionProof(5, 13);
        List<byte[]> truncated = new ArrayList<>(proof.path());
        truncated.set(2, Arrays.copyOf(truncated.get(2), 31));
        byte[] leaf = LOG.leafHash(5);
        byte[] root = LOG.root();

        assertRejected(() -> new InclusionProof(5, 13, truncated).verifyOrThrow(leaf, root),
                MerkleProofException.PROOF_MALFORMED, "proof hash 2 has 31 bytes");
        assertRejected(() -> proof.verifyOrThrow(Arrays.copyOf(leaf, 33), root),
                MerkleProofException.PROOF_MALFORMED, "the leaf hash has 33 bytes");
        assertRejected(() -> proof.verifyOrThrow(leaf, new byte[0]),
                MerkleProofException.PROOF_MALFORMED, "the expected root has 0 bytes");

        ConsistencyProof consistency = LOG.consistencyProof(6, 13);
        List<byte[]> padded = new ArrayList<>(consistency.path());
        padded.set(0, Arrays.copyOf(padded.getFirst(), 64));
        assertRejected(() -> new ConsistencyProof(6, 13, padded).verifyOrThrow(LOG.root(6), root),
                MerkleProofException.PROOF_MALFORMED, "proof hash 0 has 64 bytes");
        assertRejected(() -> consistency.verifyOrThrow(Arrays.copyOf(LOG.root(6), 31), root),
                MerkleProofException.PROOF_MALFORMED, "the first root has 31 bytes");
        assertRejected(() -> consistency.verifyOrThrow(LOG.root(6), new byte[0]),
                MerkleProofException.PROOF_MALFORMED, "the second root has 0 bytes");
    }

    @Test
    void a_wrong_root_is_invalid_and_the_reason_names_both_roots() {
        InclusionProof proof = LOG.inclusionProof(5, 13);
        byte[] wrongRoot = LOG.root(12);

        assertRejected(() -> proof.verifyOrThrow(LOG.leafHash(5), wrongRoot), MerkleProofException.PROOF_INVALID,
                HexFormat.of().formatHex(wrongRoot));
        assertThat(proof.rootFrom(LOG.leafHash(5))).isEqualTo(LOG.root());
        assertThat(InclusionProof.rootFromPath(5, 13, LOG.leafHash(5), proof.path())).isEqualTo(LOG.root());
    }

    @Test
    void consistency_sizes_that_cannot_be_are_rejected() {
        byte[] root = LOG.root();
        List<byte[]> someHash = List.of(LOG.leafHash(0));

        assertRejected(() -> new ConsistencyProof(5, 4, List.of()).verifyOrThrow(root, root),
                MerkleProofException.PROOF_MALFORMED, "larger than the second size");
        assertRejected(() -> new ConsistencyProof(0, 4, someHash).verifyOrThrow(Rfc6962.emptyRoot(), root),
                MerkleProofException.PROOF_MALFORMED, "empty tree");
        assertRejected(() -> new ConsistencyProof(0, 0, List.of()).verifyOrThrow(root, root),
                MerkleProofException.PROOF_MALFORMED, "empty tree");
        assertRejected(() -> new ConsistencyProof(4, 4, someHash).verifyOrThrow(root, root),
                MerkleProofException.PROOF_MALFORMED, "must be empty");
        assertRejected(() -> new ConsistencyProof(4, 4, List.of()).verifyOrThrow(root, LOG.root(4)),
                MerkleProofException.PROOF_INVALID, "different roots");
        assertRejected(() -> new ConsistencyProof(4, 13, List.of()).verifyOrThrow(LOG.root(4), root),
                MerkleProofException.PROOF_MALFORMED, "got 0");
    }

    @Test
    void a_consistency_proof_with_a_hash_too_many_or_too_few_is_malformed() {
        ConsistencyProof proof = LOG.consistencyProof(6, 13);
        List<byte[]> longer = new ArrayList<>(proof.path());
        longer.addFirst(LOG.leafHash(0));
        List<byte[]> shorter = proof.path().subList(1, proof.path().size());

        assertRejected(() -> new ConsistencyProof(6, 13, longer).verifyOrThrow(LOG.root(6), LOG.root()),
                MerkleProofException.PROOF_MALFORMED, "got " + longer.size());
        assertRejected(() -> new ConsistencyProof(6, 13, shorter).verifyOrThrow(LOG.root(6), LOG.root()),
                MerkleProofException.PROOF_MALFORMED, "got " + shorter.size());
    }

    @Test
    void consistency_failures_name_the_root_that_does_not_match() {
        ConsistencyProof proof = LOG.consistencyProof(6, 13);

        assertRejected(() -> proof.verifyOrThrow(LOG.root(5), LOG.root()),
                MerkleProofException.PROOF_INVALID, "first root");
        assertRejected(() -> proof.verifyOrThrow(LOG.root(6), LOG.root(12)),
                MerkleProofException.PROOF_INVALID, "second root");
        assertThat(proof.verify(LOG.root(6), LOG.root())).isTrue();
    }

    @Test
    void proof_records_copy_their_hashes_in_and_out() {
        byte[] hash = LOG.leafHash(4);
        List<byte[]> path = new ArrayList<>(List.of(hash));
        InclusionProof inclusion = new InclusionProof(5, 6, path);
        ConsistencyProof consistency = new ConsistencyProof(5, 6, path);

        hash[0] ^= 1;
        path.add(new byte[32]);
        inclusion.path().getFirst()[1] ^= 1;
        consistency.path().getFirst()[1] ^= 1;

        assertThat(inclusion.path()).singleElement().isEqualTo(LOG.leafHash(4));
        assertThat(consistency.path()).singleElement().isEqualTo(LOG.leafHash(4));
        assertThatThrownBy(() -> inclusion.path().add(new byte[32])).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void proof_records_compare_by_content_and_print_hex() {
        InclusionProof a = LOG.inclusionProof(5, 13);
        InclusionProof b = new InclusionProof(5, 13, a.path());
        ConsistencyProof c = LOG.consistencyProof(6, 13);
        ConsistencyProof d = new ConsistencyProof(6, 13, c.path());
        String firstHash = HexFormat.of().formatHex(a.path().getFirst());

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(LOG.inclusionProof(4, 13));
        assertThat(c).isEqualTo(d).hasSameHashCodeAs(d).isNotEqualTo(LOG.consistencyProof(7, 13));
        assertThat(a.toString()).startsWith("InclusionProof[leafIndex=5, treeSize=13, path=[" + firstHash);
        assertThat(c.toString()).startsWith("ConsistencyProof[firstSize=6, secondSize=13, path=[")
                .contains(HexFormat.of().formatHex(c.path().getLast()));
    }

    @Test
    void null_paths_and_entries_are_refused_when_a_proof_is_made() {
        List<byte[]> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> new InclusionProof(0, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConsistencyProof(1, 2, withNull)).isInstanceOf(NullPointerException.class);
    }

    private static void assertRejected(ThrowingCallable call, String code, String reasonPart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MerkleProofException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(reasonPart);
        });
    }
}
