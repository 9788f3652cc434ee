package org.careledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hashing rules and the roots of transparency-dev's reference tree (reference_tree.json) for sizes 0..8. */
class ReferenceTreeTest {
    private static final MerkleTestData.ReferenceTree TREE = MerkleTestData.referenceTree();

    static Stream<Integer> sizes() {
        return IntStream.rangeClosed(0, 8).boxed();
    }

    @Test
    void the_vector_file_has_eight_leaves_and_nine_roots() {
        assertThat(TREE.leaves()).hasSize(8);
        assertThat(TREE.rootsBySize()).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void a_log_grown_to_each_size_has_the_reference_root(int size) {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        TREE.leaves().subList(0, size).forEach(log::append);

        assertThat(log.root()).isEqualTo(TREE.rootsBySize().get(size));
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void the_full_log_gives_the_reference_root_for_each_earlier_size(int size) {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        TREE.leaves().forEach(log::append);

        assertThat(log.root(size)).isEqualTo(TREE.rootsBySize().get(size));
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void the_naive_test_reference_agrees_with_the_vectors(int size) {
        assertThat(NaiveMerkleTree.mth(TREE.leaves().subList(0, size))).isEqualTo(TREE.rootsBySize().get(size));
    }

    @Test
    void the_empty_root_is_sha256_of_nothing() {
        assertThat(HexFormat.of().formatHex(Rfc6962.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void a_single_leaf_tree_has_the_leaf_hash_as_its_root() {
        assertThat(Rfc6962.leafHash(TREE.leaves().getFirst())).isEqualTo(TREE.rootsBySize().get(1));
    }

    @Test
    void a_two_leaf_root_is_the_node_hash_of_the_leaf_hashes() {
        byte[] root = Rfc6962.nodeHash(Rfc6962.leafHash(TREE.leaves().get(0)), Rfc6962.leafHash(TREE.leaves().get(1)));
        assertThat(root).isEqualTo(TREE.rootsBySize().get(2));
    }

    @Test
    void the_empty_root_is_a_fresh_copy_each_time() {
        Rfc6962.emptyRoot()[0] ^= 1;
        assertThat(HexFormat.of().formatHex(Rfc6962.emptyRoot())).startsWith("e3b0c442");
    }

    @Test
    void node_hashing_refuses_children_that_are_not_32_bytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Rfc6962.nodeHash(new byte[31], new byte[32]));
        assertThatIllegalArgumentException().isThrownBy(() -> Rfc6962.nodeHash(new byte[32], new byte[33]));
    }
}
