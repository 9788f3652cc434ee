package org.careledger.core.merkle;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MerkleNodeStore} on the heap, for tests, scratch trees and light clients that rebuild a small log.
 * Thread-safe; arrays are copied in and out so a caller cannot change a stored hash behind the log's back.
 */
public final class InMemoryMerkleNodeStore implements MerkleNodeStore {
    private record Position(int level, long index) {}

    private final Map<Position, byte[]> nodes = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(int level, long index) {
        byte[] hash = nodes.get(new Position(level, index));
        return hash == null ? Optional.empty() : Optional.of(hash.clone());
    }

    @Override
    public void put(int level, long index, byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        if (level < 0 || index < 0) {
            throw new IllegalArgumentException("no subtree at level " + level + ", index " + index);
        }
        nodes.put(new Position(level, index), hash.clone());
    }

    @Override
    public String toString() {
        return "InMemoryMerkleNodeStore[" + nodes.size() + " nodes]";
    }
}
