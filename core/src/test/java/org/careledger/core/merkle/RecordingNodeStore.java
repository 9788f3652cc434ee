package org.careledger.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory store that counts reads and records writes, to check what the log asks of its storage. */
final class RecordingNodeStore implements MerkleNodeStore {
    record Put(int level, long index) {}

    private final InMemoryMerkleNodeStore nodes = new InMemoryMerkleNodeStore();
    private final List<Put> puts = new ArrayList<>();
    private long reads;

    @Override
    public Optional<byte[]> get(int level, long index) {
        reads++;
        return nodes.get(level, index);
    }

    @Override
    public void put(int level, long index, byte[] hash) {
        puts.add(new Put(level, index));
        nodes.put(level, index, hash);
    }

    long reads() {
        return reads;
    }

    void resetCounts() {
        reads = 0;
        puts.clear();
    }

    List<Put> puts() {
        return List.copyOf(puts);
    }
}
