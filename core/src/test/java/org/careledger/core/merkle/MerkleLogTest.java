package org.careledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MerkleLogTest {
    private static byte[] leaf(long i) {
        return ("leaf-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static MerkleLog logOf(MerkleNodeStore store, int size) {
        MerkleLog log = new MerkleLog(store, 0);
        for (int i = 0; i < size; i++) {
            log.append(leaf(i));
        }
        return log;
    }

    @Test
    void a_new_log_is_empty_and_has_the_empty_root() {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);

        assertThat(log.size()).isZero();
        assertThat(log.root()).isEqualTo(Rfc6962.emptyRoot());
        assertThat(log.root(0)).isEqualTo(Rfc6962.emptyRoot());
    }

    @Test
    void append_returns_and_stores_the_leaf_hash() {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);

        byte[] returned = log.append(leaf(0));

        assertThat(returned).isEqualTo(Rfc6962.leafHash(leaf(0)));
        assertThat(log.leafHash(0)).isEqualTo(returned);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.root()).isEqualTo(returned);
    }

    @Test
    void only_the_leaf_and_the_parents_it_completes_are_stored() {
        RecordingNodeStore store = new RecordingNodeStore();
        MerkleLog log = logOf(store, 7);
        store.resetCounts();

        log.append(leaf(7)); // the 8th leaf completes (1,3), (2,1) and the root (3,0)

        assertThat(store.puts()).containsExactly(new RecordingNodeStore.Put(0, 7), new RecordingNodeStore.Put(1, 3),
                new RecordingNodeStore.Put(2, 1), new RecordingNodeStore.Put(3, 0));
        assertThat(store.reads()).as("appends work from the in-memory right edge").isZero();
    }

    @Test
    void the_leaf_hash_it_returns_cannot_change_the_log() {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        byte[] returned = log.append(leaf(0));
        byte[] root = log.root();

        returned[0] ^= 1;
        log.root()[0] ^= 1;

        assertThat(log.root()).isEqualTo(root);
        assertThat(log.append(leaf(1))).isNotNull();
        assertThat(log.root()).isEqualTo(NaiveMerkleTree.mth(List.of(leaf(0), leaf(1))));
    }

    @Test
    void proofs_and_historical_roots_need_only_logarithmically_many_store_reads() {
        RecordingNodeStore store = new RecordingNodeStore();
        long size = 100_003;
        MerkleLog log = logOf(store, (int) size);
        int depth = 64 - Long.numberOfLeadingZeros(size - 1); // 17

        for (long[] c : new long[][] {{0, size}, {size - 1, size}, {65_536, size}, {12_345, 99_999}, {4, 5}}) {
            store.resetCounts();
            InclusionProof proof = log.inclusionProof(c[0], c[1]);
            assertThat(store.reads()).as("reads for inclusion %s", proof).isLessThanOrEqualTo(2L * depth);
            assertThat(proof.verify(log.leafHash(c[0]), log.root(c[1]))).isTrue();
        }
        for (long[] c : new long[][] {{1, size}, {65_536, size}, {65_537, size}, {size - 1, size}, {777, 99_999}}) {
            store.resetCounts();
            ConsistencyProof proof = log.consistencyProof(c[0], c[1]);
            assertThat(store.reads()).as("reads for consistency %s", proof).isLessThanOrEqualTo(2L * depth + 1);
            assertThat(proof.verify(log.root(c[0]), log.root(c[1]))).isTrue();
        }
        store.resetCounts();
        log.root(99_999);
        assertThat(store.reads()).isEqualTo(Long.bitCount(99_999));
    }

    @Test
    void resuming_reads_only_the_right_edge() {
        RecordingNodeStore store = new RecordingNodeStore();
        MerkleLog original = logOf(store, 1_000);
        store.resetCounts();

        MerkleLog resumed = new MerkleLog(store, 1_000);

        assertThat(store.reads()).isEqualTo(Long.bitCount(1_000));
        assertThat(resumed.size()).isEqualTo(1_000);
        assertThat(resumed.root()).isEqualTo(original.root());
    }

    @Test
    void resuming_from_a_store_that_lost_a_node_fails_with_a_clear_code() {
        RecordingNodeStore store = new RecordingNodeStore();
        logOf(store, 5);

        assertCode(() -> new MerkleLog(store, 6), MerkleProofException.STORE_CORRUPT);
        assertCode(() -> new MerkleLog(new InMemoryMerkleNodeStore(), 1), MerkleProofException.STORE_CORRUPT);
    }

    @Test
    void a_damaged_stored_hash_is_reported_not_used() {
        InMemoryMerkleNodeStore store = new InMemoryMerkleNodeStore();
        MerkleLog log = logOf(store, 4);
        store.put(0, 2, new byte[5]);

        assertCode(() -> log.leafHash(2), MerkleProofException.STORE_CORRUPT);
    }

    @Test
    void sizes_and_indexes_outside_the_log_are_refused() {
        MerkleLog log = logOf(new InMemoryMerkleNodeStore(), 5);
        String outOfRange = MerkleProofException.INDEX_OUT_OF_RANGE;

        assertCode(() -> log.root(6), outOfRange);
        assertCode(() -> log.root(-1), outOfRange);
        assertCode(() -> log.leafHash(5), outOfRange);
        assertCode(() -> log.leafHash(-1), outOfRange);
        assertCode(() -> log.inclusionProof(5, 5), outOfRange);
        assertCode(() -> log.inclusionProof(3, 3), outOfRange);
        assertCode(() -> log.inclusionProof(0, 6), outOfRange);
        assertCode(() -> log.inclusionProof(-1, 5), outOfRange);
        assertCode(() -> log.inclusionProof(0, 0), outOfRange);
        assertCode(() -> log.consistencyProof(3, 2), outOfRange);
        assertCode(() -> log.consistencyProof(2, 6), outOfRange);
        assertCode(() -> log.consistencyProof(0, 5), outOfRange);
        assertCode(() -> log.consistencyProof(-1, 5), outOfRange);
    }

    @Test
    void a_consistency_proof_between_equal_sizes_is_empty_and_verifies_by_root_equality() {
        MerkleLog log = logOf(new InMemoryMerkleNodeStore(), 5);

        ConsistencyProof proof = log.consistencyProof(3, 3);

        assertThat(proof.path()).isEmpty();
        assertThat(proof.verify(log.root(3), log.root(3))).isTrue();
        assertThat(proof.verify(log.root(3), log.root(4))).isFalse();
    }

    @Test
    void proofs_served_while_the_log_grows_verify_against_the_size_they_saw() throws Exception {
        MerkleLog log = logOf(new InMemoryMerkleNodeStore(), 1);
        int readers = 2;
        CountDownLatch readersStarted = new CountDownLatch(readers);
        AtomicBoolean appendsDone = new AtomicBoolean();
        try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
            List<Future<Integer>> checks = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                checks.add(pool.submit(() -> {
                    readersStarted.countDown();
                    int checked = 0;
                    // Keep checking until the writer is done, and at least a few times whatever the scheduling.
                    while (!appendsDone.get() || checked < 20) {
                        long size = log.size();
                        long index = size / 3;
                        InclusionProof proof = log.inclusionProof(index, size);
                        assertThat(proof.verify(log.leafHash(index), log.root(size))).isTrue();
                        checked++;
                    }
                    return checked;
                }));
            }
            readersStarted.await();
            for (int i = 1; i < 5_000; i++) {
                log.append(leaf(i));
            }
            appendsDone.set(true);
            for (Future<Integer> check : checks) {
                assertThat(check.get()).isGreaterThanOrEqualTo(20);
            }
        }
        assertThat(log.root()).isEqualTo(logOf(new InMemoryMerkleNodeStore(), 5_000).root());
    }

    @Test
    void a_negative_size_or_missing_store_is_a_wiring_error() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MerkleLog(new InMemoryMerkleNodeStore(), -1));
        assertThatThrownBy(() -> new MerkleLog(null, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_in_memory_store_copies_hashes_in_and_out() {
        InMemoryMerkleNodeStore store = new InMemoryMerkleNodeStore();
        byte[] hash = Rfc6962.leafHash(leaf(0));
        store.put(0, 0, hash);

        hash[0] ^= 1;
        store.get(0, 0).orElseThrow()[1] ^= 1;

        assertThat(store.get(0, 0)).hasValueSatisfying(h -> assertThat(h).isEqualTo(Rfc6962.leafHash(leaf(0))));
        assertThat(store.get(0, 1)).isEmpty();
        assertThat(store.get(1, 0)).isEmpty();
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(MerkleProofException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
