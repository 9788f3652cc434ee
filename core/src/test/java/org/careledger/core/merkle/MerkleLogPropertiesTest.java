package org.careledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of random logs of 1..300 leaves against the literal RFC 6962 definitions in {@link NaiveMerkleTree}.
 * A log is described by its size and a seed for its leaf data, so a failure shrinks to a small, replayable tree.
 * Tries are kept low enough for the whole package to run in a few seconds.
 */
class MerkleLogPropertiesTest {
    private static final int MAX_SIZE = 300;

    /** A log with its leaf inputs, built in a fresh in-memory store. */
    record RandomLog(List<byte[]> leaves, InMemoryMerkleNodeStore store, MerkleLog log) {
        static RandomLog of(int size, long seed) {
            Random random = new Random(seed);
            List<byte[]> leaves = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                byte[] data = new byte[random.nextInt(40)];
                random.nextBytes(data);
                leaves.add(data);
            }
            InMemoryMerkleNodeStore store = new InMemoryMerkleNodeStore();
            MerkleLog log = new MerkleLog(store, 0);
            leaves.forEach(log::append);
            return new RandomLog(List.copyOf(leaves), store, log);
        }

        byte[] naiveRoot(int size) {
            return NaiveMerkleTree.mth(leaves.subList(0, size));
        }
    }

    @Property(tries = 30)
    void every_root_matches_the_naive_definition(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll long seed) {
        RandomLog random = RandomLog.of(size, seed);
        MerkleLog growing = new MerkleLog(new InMemoryMerkleNodeStore(), 0);

        for (int s = 0; s <= size; s++) {
            byte[] expected = random.naiveRoot(s);
            assertThat(growing.root()).as("root while growing, size %d", s).isEqualTo(expected);
            assertThat(random.log().root(s)).as("historical root, size %d", s).isEqualTo(expected);
            if (s < size) {
                growing.append(random.leaves().get(s));
            }
        }
    }

    @Property(tries = 25)
    void every_inclusion_proof_verifies_against_current_and_historical_roots(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int historicalPick) {
        RandomLog random = RandomLog.of(size, seed);
        MerkleLog log = random.log();
        int historical = 1 + historicalPick % size;

        for (int treeSize : new int[] {size, historical}) {
            byte[] root = log.root(treeSize);
            for (int i = 0; i < treeSize; i++) {
                InclusionProof proof = log.inclusionProof(i, treeSize);
                assertThat(proof.verify(log.leafHash(i), root)).as("leaf %d of %d", i, treeSize).isTrue();
                assertThat(proof.path()).as("path of leaf %d of %d", i, treeSize)
                        .containsExactlyElementsOf(NaiveMerkleTree.path(i, random.leaves().subList(0, treeSize)));
            }
        }
    }

    @Property(tries = 150)
    void an_inclusion_proof_fails_for_a_changed_leaf_or_any_flipped_hash(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int indexPick,
            @ForAll @IntRange(min = 0, max = 255) int bit) {
        RandomLog random = RandomLog.of(size, seed);
        MerkleLog log = random.log();
        int index = indexPick % size;
        InclusionProof proof = log.inclusionProof(index, size);
        byte[] leafHash = log.leafHash(index);
        byte[] root = log.root();

        byte[] changedLeaf = Rfc6962.leafHash(appendByte(random.leaves().get(index)));
        assertThat(proof.verify(changedLeaf, root)).as("changed leaf").isFalse();
        assertThat(proof.verify(flip(leafHash, bit), root)).as("flipped leaf hash").isFalse();
        assertThat(proof.verify(leafHash, flip(root, bit))).as("flipped root").isFalse();
        List<byte[]> path = proof.path();
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> tampered = new ArrayList<>(path);
            tampered.set(i, flip(path.get(i), bit));
            assertThat(new InclusionProof(index, size, tampered).verify(leafHash, root))
                    .as("hash %d flipped at bit %d", i, bit).isFalse();
        }
    }

    @Property(tries = 6)
    void consistency_proofs_between_every_pair_of_sizes_verify(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll long seed) {
        MerkleLog log = RandomLog.of(size, seed).log();
        byte[][] roots = new byte[size + 1][];
        for (int s = 1; s <= size; s++) {
            roots[s] = log.root(s);
        }

        for (int n = 1; n <= size; n++) {
            for (int m = 1; m <= n; m++) {
                ConsistencyProof proof = log.consistencyProof(m, n);
                if (!proof.verify(roots[m], roots[n])) {
                    throw new AssertionError("consistency proof " + m + " -> " + n + " does not verify: " + proof);
                }
            }
        }
    }

    @Property(tries = 200)
    void a_consistency_proof_matches_the_rfc_and_fails_when_any_hash_changes(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int firstPick,
            @ForAll @IntRange(min = 0, max = 255) int bit) {
        RandomLog random = RandomLog.of(size, seed);
        MerkleLog log = random.log();
        int first = 1 + (firstPick - 1) % size;
        ConsistencyProof proof = log.consistencyProof(first, size);
        byte[] firstRoot = log.root(first);
        byte[] secondRoot = log.root();

        assertThat(proof.path()).containsExactlyElementsOf(NaiveMerkleTree.proof(first, random.leaves()));
        assertThat(proof.verify(firstRoot, secondRoot)).isTrue();
        assertThat(proof.verify(flip(firstRoot, bit), secondRoot)).as("flipped first root").isFalse();
        assertThat(proof.verify(firstRoot, flip(secondRoot, bit))).as("flipped second root").isFalse();
        List<byte[]> path = proof.path();
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> tampered = new ArrayList<>(path);
            tampered.set(i, flip(path.get(i), bit));
            assertThat(new ConsistencyProof(first, size, tampered).verify(firstRoot, secondRoot))
                    .as("hash %d flipped at bit %d", i, bit).isFalse();
        }
    }

    @Property(tries = 40)
    void a_resumed_log_has_the_same_roots_and_grows_like_the_original(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = MAX_SIZE) int resumePick) {
        RandomLog random = RandomLog.of(size, seed);
        int resumeAt = resumePick % (size + 1);

        MerkleLog resumed = new MerkleLog(random.store(), resumeAt);
        assertThat(resumed.size()).isEqualTo(resumeAt);
        for (int s = 0; s <= resumeAt; s++) {
            assertThat(resumed.root(s)).as("root at %d", s).isEqualTo(random.log().root(s));
        }

        // Resuming below the stored size is what a restart after a crash looks like: the nodes beyond it are
        // rewritten, here with different leaves, and the log must follow the new leaves, not the stale nodes.
        List<byte[]> rewritten = new ArrayList<>(random.leaves().subList(0, resumeAt));
        for (int i = resumeAt; i < size; i++) {
            byte[] leaf = appendByte(random.leaves().get(i));
            rewritten.add(leaf);
            resumed.append(leaf);
        }
        assertThat(resumed.root()).isEqualTo(NaiveMerkleTree.mth(rewritten));
        assertThat(new MerkleLog(random.store(), size).root()).isEqualTo(resumed.root());
        if (size > 1) {
            int index = resumeAt == 0 ? 0 : resumeAt - 1;
            assertThat(resumed.inclusionProof(index, size).verify(resumed.leafHash(index), resumed.root())).isTrue();
        }
    }

    private static byte[] flip(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8 % copy.length] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static byte[] appendByte(byte[] data) {
        byte[] longer = java.util.Arrays.copyOf(data, data.length + 1);
        longer[data.length] = 0x5a;
        return longer;
    }
}
