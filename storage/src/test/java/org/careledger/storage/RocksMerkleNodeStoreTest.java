package org.careledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.careledger.core.merkle.InMemoryMerkleNodeStore;
import org.careledger.core.merkle.MerkleLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksMerkleNodeStoreTest {
    @TempDir
    Path tmp;

    @Test
    void pendingNodesAreVisibleBeforeTheyAreWrittenAndLandWithTheWriteSet() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            RocksMerkleNodeStore nodes = new RocksMerkleNodeStore(store);
            MerkleLog log = new MerkleLog(nodes, 0);
            MerkleLog reference = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
            for (int i = 0; i < 7; i++) {
                byte[] leaf = ("tx-" + i).getBytes();
                log.append(leaf);
                reference.append(leaf);
            }
            assertThat(log.root()).isEqualTo(reference.root());
            assertThat(store.scan(Column.MERKLE, new byte[0], 100)).isEmpty();

            WriteSet ws = new WriteSet();
            nodes.drainInto(ws);
            store.write(ws);
            // 7 leaves + 3 level-1 + 1 level-2 perfect subtrees
            assertThat(store.scan(Column.MERKLE, new byte[0], 100)).hasSize(11);

            MerkleLog resumed = new MerkleLog(new RocksMerkleNodeStore(store), 7);
            assertThat(resumed.root()).isEqualTo(reference.root());
            assertThat(resumed.root(3)).isEqualTo(reference.root(3));
        }
    }

    @Test
    void discardForgetsAFailedBlock() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            RocksMerkleNodeStore nodes = new RocksMerkleNodeStore(store);
            nodes.put(0, 0, new byte[32]);
            assertThat(nodes.get(0, 0)).isPresent();
            nodes.discard();
            assertThat(nodes.get(0, 0)).isEmpty();
            WriteSet ws = new WriteSet();
            nodes.drainInto(ws);
            assertThat(ws.isEmpty()).isTrue();
        }
    }
}
