package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxResult;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.WriteSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background scrub on a real store: a clean pass, a damaged block found and named, the rate limit. */
class StoreScrubTest {
    @TempDir
    Path dir;

    @Test
    void aCleanStorePassesAndADamagedBlockIsFoundByHeight() {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        TxSigner admin = net.admin("hospital-a");
        try (LedgerStore store = LedgerStore.open(dir.resolve("store"))) {
            Ledger ledger = Ledger.open(store, net.genesis, NodeAssembly.contracts());
            for (int i = 0; i < 5; i++) {
                ledger.apply(new OrderedBatch(i + 1, 1_000 + i, "hospital-a/node",
                        List.of(net.register(admin, net.member("hospital-a", "dr-" + i, "nurse")))));
            }
            List<CareledgerException> found = new ArrayList<>();
            StoreScrub scrub = new StoreScrub(ledger, 100_000, found::add, System::nanoTime);
            assertThat(scrub.scrubOnce()).isTrue();
            assertThat(found).isEmpty();
            assertThat(scrub.blocksScrubbed()).isEqualTo(5);
            assertThat(scrub.entriesScrubbed()).as("entries of the other columns").isPositive();
            assertThat(scrub.passes()).isEqualTo(1);
            assertThat(scrub.lastPassEpochMillis()).isPositive();

            // block 3's stored results changed behind the ledger's back: its header no longer matches them
            Block b3 = ledger.block(3).orElseThrow();
            Block damaged = b3.toBuilder().setResults(0, TxResult.newBuilder(b3.getResults(0)).setMessage("changed"))
                    .build();
            store.write(new WriteSet().put(Column.BLOCKS, Keys.height(3), damaged.toByteArray()));
            assertThat(scrub.scrubOnce()).isFalse();
            assertThat(found).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("STORE_CORRUPTED");
                assertThat(e.getMessage()).contains("block 3").contains("results_digest").contains(store.dir().toString());
            });
            assertThat(scrub.corruptions()).isEqualTo(1);

            // a block whose prev_hash no longer links: block 4 replaced by block 5
            store.write(new WriteSet().put(Column.BLOCKS, Keys.height(3), b3.toByteArray())
                    .put(Column.BLOCKS, Keys.height(4), ledger.block(5).orElseThrow().toByteArray()));
            found.clear();
            assertThat(scrub.scrubOnce()).isFalse();
            assertThat(found).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("block 4")
                    .contains("height 5"));
        }
    }

    @Test
    void theScrubKeepsToItsRate() {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        TxSigner admin = net.admin("hospital-a");
        try (LedgerStore store = LedgerStore.open(dir.resolve("store"))) {
            Ledger ledger = Ledger.open(store, net.genesis, NodeAssembly.contracts());
            for (int i = 0; i < 3; i++) {
                ledger.apply(new OrderedBatch(i + 1, 1_000 + i, "hospital-a/node",
                        List.of(net.register(admin, net.member("hospital-a", "dr-" + i, "nurse")))));
            }
            StoreScrub slow = new StoreScrub(ledger, 10, e -> { }, System::nanoTime);
            long t0 = System.nanoTime();
            assertThat(slow.scrubOnce()).isTrue();
            long reads = slow.blocksScrubbed() + slow.entriesScrubbed();
            double seconds = (System.nanoTime() - t0) / 1e9;
            // 10 reads a second: a pass of N reads takes at least (N - 10) / 10 seconds
            assertThat(reads).isGreaterThan(20);
            assertThat(seconds).as("%d reads at 10 per second", reads).isGreaterThanOrEqualTo((reads - 10) / 10.0 - 0.2);
        }
    }
}
