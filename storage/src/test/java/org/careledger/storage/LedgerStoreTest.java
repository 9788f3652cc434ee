package org.careledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {
    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void writesAndReadsBackEveryColumn() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            WriteSet ws = new WriteSet();
            for (Column c : Column.values()) {
                ws.put(c, b("k-" + c.familyName()), b("v-" + c.familyName()));
            }
            store.write(ws);
            for (Column c : Column.values()) {
                assertThat(store.get(c, b("k-" + c.familyName()))).map(LedgerStoreTest::s).contains("v-" + c.familyName());
                // columns are separate namespaces
                assertThat(store.get(c, b("k-other"))).isEmpty();
            }
            assertThat(store.get(Column.STATE, b("k-" + Column.BLOCKS.familyName()))).isEmpty();
            assertThat(store.dir()).isEqualTo(tmp.resolve("db"));
        }
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        Path dir = tmp.resolve("db");
        try (LedgerStore store = LedgerStore.open(dir)) {
            store.write(new WriteSet().put(Column.BLOCKS, Keys.height(1), b("block-1")));
        }
        try (LedgerStore store = LedgerStore.open(dir)) {
            assertThat(store.get(Column.BLOCKS, Keys.height(1))).map(LedgerStoreTest::s).contains("block-1");
        }
        try (LedgerStore ro = LedgerStore.openReadOnly(dir)) {
            assertThat(ro.get(Column.BLOCKS, Keys.height(1))).map(LedgerStoreTest::s).contains("block-1");
            ro.verifyChecksums();
        }
    }

    @Test
    void writeSetLaterPutsWinAndNullIsDelete() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            store.write(new WriteSet().put(Column.STATE, b("a"), b("1")).put(Column.STATE, b("gone"), b("x")));
            WriteSet ws = new WriteSet()
                    .put(Column.STATE, b("a"), b("2"))
                    .put(Column.STATE, b("a"), b("3"))
                    .delete(Column.STATE, b("gone"))
                    .put(Column.STATE, b("back"), b("1"))
                    .delete(Column.STATE, b("back"))
                    .put(Column.STATE, b("again"), null)
                    .put(Column.STATE, b("again"), b("here"));
            assertThat(ws.isEmpty()).isFalse();
            assertThat(ws.puts(Column.STATE)).hasSize(7);
            assertThat(ws.puts(Column.BLOCKS)).isEmpty();
            store.write(ws);
            assertThat(store.get(Column.STATE, b("a"))).map(LedgerStoreTest::s).contains("3");
            assertThat(store.get(Column.STATE, b("gone"))).isEmpty();
            assertThat(store.get(Column.STATE, b("back"))).isEmpty();
            assertThat(store.get(Column.STATE, b("again"))).map(LedgerStoreTest::s).contains("here");
            assertThat(new WriteSet().isEmpty()).isTrue();
        }
    }

    @Test
    void writeSetIsAtomicAcrossColumns() {
        Path dir = tmp.resolve("db");
        try (LedgerStore store = LedgerStore.open(dir)) {
            store.write(new WriteSet().put(Column.META, b("head"), Keys.height(1)));
            // a set whose last entry cannot be written: nothing of it may land, not even the entries before it
            WriteSet broken = new WriteSet()
                    .put(Column.BLOCKS, Keys.height(2), b("block-2"))
                    .put(Column.STATE, b("x"), b("y"))
                    .put(Column.META, b("head"), Keys.height(2))
                    .put(Column.TX_INDEX, null, b("no key"));
            assertThatThrownBy(() -> store.write(broken)).isInstanceOf(RuntimeException.class);
            assertThat(store.get(Column.BLOCKS, Keys.height(2))).isEmpty();
            assertThat(store.get(Column.STATE, b("x"))).isEmpty();
            assertThat(store.get(Column.META, b("head"))).map(Keys::height).contains(1L);

            WriteSet whole = new WriteSet()
                    .put(Column.BLOCKS, Keys.height(2), b("block-2"))
                    .put(Column.STATE, b("x"), b("y"))
                    .put(Column.META, b("head"), Keys.height(2));
            store.write(whole);
        }
        try (LedgerStore store = LedgerStore.openReadOnly(dir)) {
            assertThat(store.get(Column.BLOCKS, Keys.height(2))).isPresent();
            assertThat(store.get(Column.STATE, b("x"))).isPresent();
            assertThat(store.get(Column.META, b("head"))).map(Keys::height).contains(2L);
        }
    }

    @Test
    void scanReturnsPrefixInKeyOrderUpToLimit() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            WriteSet ws = new WriteSet();
            for (String k : List.of("id/b/2", "id/a/1", "id/c/3", "ida", "id", "nonce/x", "i", "id/a/0")) {
                ws.put(Column.STATE, b(k), b("v:" + k));
            }
            store.write(ws);
            TreeMap<byte[], byte[]> all = store.scan(Column.STATE, b("id/"), 100);
            assertThat(all.keySet().stream().map(LedgerStoreTest::s).toList())
                    .containsExactly("id/a/0", "id/a/1", "id/b/2", "id/c/3");
            assertThat(all.values().stream().map(LedgerStoreTest::s).toList())
                    .containsExactly("v:id/a/0", "v:id/a/1", "v:id/b/2", "v:id/c/3");
            assertThat(store.scan(Column.STATE, b("id/"), 2).keySet().stream().map(LedgerStoreTest::s).toList())
                    .containsExactly("id/a/0", "id/a/1");
            assertThat(store.scan(Column.STATE, b("id/a/"), 10)).hasSize(2);
            assertThat(store.scan(Column.STATE, b("zzz"), 10)).isEmpty();
            assertThat(store.scan(Column.STATE, b("id"), 100)).hasSize(6);
            assertThat(store.scan(Column.STATE, new byte[0], 100)).hasSize(8);
            assertThat(store.scan(Column.STATE, b("id/"), 0)).isEmpty();

            List<String> seen = new ArrayList<>();
            store.forEach(Column.STATE, b("nonce/"), Long.MAX_VALUE, (k, v) -> seen.add(s(k)));
            assertThat(seen).containsExactly("nonce/x");
        }
    }

    @Test
    void heightKeysSortNumerically() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            WriteSet ws = new WriteSet();
            for (long h : new long[] {1, 255, 256, 2, 65_536, 10}) {
                ws.put(Column.BLOCKS, Keys.height(h), b("b" + h));
            }
            store.write(ws);
            List<Long> order = store.scan(Column.BLOCKS, new byte[0], 100).keySet().stream().map(Keys::height).toList();
            assertThat(order).containsExactly(1L, 2L, 10L, 255L, 256L, 65_536L);
            Optional<Map.Entry<byte[], byte[]>> last = store.last(Column.BLOCKS);
            assertThat(last).isPresent();
            assertThat(Keys.height(last.get().getKey())).isEqualTo(65_536L);
            assertThat(s(last.get().getValue())).isEqualTo("b65536");
        }
    }

    @Test
    void lastOfAnEmptyColumnIsEmpty() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            assertThat(store.last(Column.BLOCKS)).isEmpty();
            store.write(new WriteSet().put(Column.STATE, b("x"), b("1")));
            assertThat(store.last(Column.BLOCKS)).isEmpty();
            store.write(new WriteSet().put(Column.BLOCKS, Keys.height(7), b("7")).delete(Column.BLOCKS, Keys.height(7)));
            assertThat(store.last(Column.BLOCKS)).isEmpty();
        }
    }

    @Test
    void cursorWalksAColumnInOrder() {
        try (LedgerStore store = LedgerStore.open(tmp.resolve("db"))) {
            store.write(new WriteSet().put(Column.MERKLE, Keys.merkleNode(1, 0), b("n10"))
                    .put(Column.MERKLE, Keys.merkleNode(0, 1), b("n01"))
                    .put(Column.MERKLE, Keys.merkleNode(0, 0), b("n00")));
            List<String> values = new ArrayList<>();
            try (StoreCursor c = store.cursor(Column.MERKLE)) {
                for (; c.valid(); c.next()) {
                    values.add(s(c.value()));
                    assertThat(c.key()).hasSize(9);
                }
            }
            assertThat(values).containsExactly("n00", "n01", "n10");
            try (StoreCursor c = store.cursor(Column.BLOBS)) {
                assertThat(c.valid()).isFalse();
            }
        }
    }

    /** Purge must remove the bytes physically: no SST, WAL or MANIFEST of the directory may still hold them. */
    @Test
    void purgeLeavesNoTraceOfTheBytesInAnyFile() throws IOException {
        Path dir = tmp.resolve("db");
        String marker = "PURGE-ME-0x5eCRET-0123456789-ABCDEFGHIJ";
        String keeper = "KEEP-ME-0x0PEN-9876543210-JIHGFEDCBA";
        List<byte[]> purged = new ArrayList<>();
        try (LedgerStore store = LedgerStore.open(dir)) {
            for (int i = 0; i < 20; i++) {
                byte[] key = b("blob/" + i);
                store.write(new WriteSet().put(Column.BLOBS, key, b(marker + i + "|" + marker))
                        .put(Column.BLOBS, b("other/" + i), b(keeper + i)));
                purged.add(key);
                if (i == 9) {
                    store.flush(); // half of the markers sit in an SST, half in the memtable/WAL
                }
            }
            assertThat(filesContaining(dir, b(marker))).isNotEmpty();
            store.purge(Column.BLOBS, purged);
            for (byte[] k : purged) {
                assertThat(store.get(Column.BLOBS, k)).isEmpty();
            }
            assertThat(store.scan(Column.BLOBS, b("other/"), 100)).hasSize(20);
            assertThat(filesContaining(dir, b(marker))).as("files still holding purged bytes while open").isEmpty();
        }
        assertThat(filesContaining(dir, b(marker))).as("files still holding purged bytes after close").isEmpty();
        assertThat(filesContaining(dir, b(keeper))).isNotEmpty();
        try (LedgerStore store = LedgerStore.openReadOnly(dir)) {
            assertThat(store.get(Column.BLOBS, purged.get(0))).isEmpty();
            assertThat(store.get(Column.BLOBS, b("other/0"))).map(LedgerStoreTest::s).contains(keeper + 0);
        }
    }

    /**
     * Blobs are written alongside block data (state, blocks) that stays in the memtable: the WAL segment holding
     * the blob then also holds unflushed data of other columns, so purge must get rid of it too.
     */
    @Test
    void purgeAlsoRemovesTheBytesFromAWalSharedWithOtherColumns() throws IOException {
        Path dir = tmp.resolve("db");
        String marker = "SHARED-WAL-SECRET-0123456789-abcdefghij";
        List<byte[]> purged = new ArrayList<>();
        try (LedgerStore store = LedgerStore.open(dir)) {
            for (int i = 0; i < 5; i++) {
                byte[] key = b("blob/" + i);
                store.write(new WriteSet().put(Column.BLOBS, key, b(marker + i))
                        .put(Column.STATE, b("state/" + i), b("s" + i))
                        .put(Column.BLOCKS, Keys.height(i + 1), b("block" + i)));
                purged.add(key);
            }
            store.purge(Column.BLOBS, purged);
            assertThat(store.get(Column.STATE, b("state/4"))).isPresent();
            assertThat(filesContaining(dir, b(marker))).as("files still holding purged bytes while open").isEmpty();
        }
        assertThat(filesContaining(dir, b(marker))).as("files still holding purged bytes after close").isEmpty();
        try (LedgerStore store = LedgerStore.openReadOnly(dir)) {
            assertThat(store.get(Column.STATE, b("state/4"))).isPresent();
            assertThat(store.get(Column.BLOCKS, Keys.height(5))).isPresent();
            assertThat(store.get(Column.BLOBS, purged.get(0))).isEmpty();
        }
    }

    @Test
    void secondOpenOfTheSameStoreIsLocked() {
        Path dir = tmp.resolve("db");
        try (LedgerStore first = LedgerStore.open(dir)) {
            assertThatThrownBy(() -> LedgerStore.open(dir))
                    .isInstanceOfSatisfying(CareledgerException.class, e -> {
                        assertThat(e.code()).isEqualTo("STORE_LOCKED");
                        assertThat(e.getMessage()).contains(dir.toString()).contains("lock");
                    });
            // verify must still be able to read a store a node holds open
            try (LedgerStore ro = LedgerStore.openReadOnly(dir)) {
                assertThat(ro.get(Column.META, b("nothing"))).isEmpty();
            }
            first.write(new WriteSet().put(Column.META, b("still"), b("writable")));
        }
        try (LedgerStore again = LedgerStore.open(dir)) {
            assertThat(again.get(Column.META, b("still"))).isPresent();
        }
    }

    @Test
    void readOnlyOpenOfAMissingStoreIsStoreNotFound() throws IOException {
        Path missing = tmp.resolve("no-such-dir");
        assertThatThrownBy(() -> LedgerStore.openReadOnly(missing))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("STORE_NOT_FOUND");
                    assertThat(e.getMessage()).contains(missing.toString());
                });
        assertThat(missing).doesNotExist();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> LedgerStore.openReadOnly(empty))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("STORE_NOT_FOUND"));
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void readOnlyStoreRefusesWrites() {
        Path dir = tmp.resolve("db");
        LedgerStore.open(dir).close();
        try (LedgerStore ro = LedgerStore.openReadOnly(dir)) {
            assertThatThrownBy(() -> ro.write(new WriteSet().put(Column.STATE, b("k"), b("v"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> ro.purge(Column.BLOBS, List.of(b("k"))))
                    .isInstanceOf(IllegalStateException.class);
            ro.flush(); // a no-op, not an error
        }
    }

    @Test
    void closeIsIdempotent() {
        LedgerStore store = LedgerStore.open(tmp.resolve("db"));
        store.close();
        store.close();
    }

    @Test
    void checkpointIsAnOpenableCopy() {
        Path dir = tmp.resolve("db");
        Path copy = tmp.resolve("checkpoint");
        try (LedgerStore store = LedgerStore.open(dir)) {
            store.write(new WriteSet().put(Column.BLOCKS, Keys.height(1), b("one")));
            store.checkpoint(copy);
            store.write(new WriteSet().put(Column.BLOCKS, Keys.height(2), b("two")));
        }
        try (LedgerStore cp = LedgerStore.openReadOnly(copy)) {
            assertThat(cp.get(Column.BLOCKS, Keys.height(1))).isPresent();
            assertThat(cp.get(Column.BLOCKS, Keys.height(2))).isEmpty();
        }
    }

    @Test
    void aFlippedByteInAnSstIsReportedAsCorruption() throws IOException {
        Path dir = tmp.resolve("db");
        try (LedgerStore store = LedgerStore.open(dir)) {
            WriteSet ws = new WriteSet();
            for (int i = 0; i < 200; i++) {
                ws.put(Column.STATE, b("key/" + i), b("value-" + i + "-".repeat(i % 17)));
            }
            store.write(ws);
        }
        Path sst;
        try (Stream<Path> files = Files.list(dir)) {
            sst = files.filter(p -> p.getFileName().toString().endsWith(".sst"))
                    .max((a, c) -> Long.compare(a.toFile().length(), c.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sst);
        bytes[bytes.length / 4] ^= 0x01; // inside the first data block
        Files.write(sst, bytes);
        assertThatThrownBy(() -> {
            try (LedgerStore ro = LedgerStore.openReadOnly(dir)) {
                ro.verifyChecksums();
            }
        }).isInstanceOfSatisfying(StoreCorruptedException.class, e -> {
            assertThat(e.code()).isEqualTo("STORE_CORRUPTED");
            assertThat(e.getMessage()).contains("corruption");
        });
    }

    @Test
    void keysEncodeBigEndian() {
        assertThat(Keys.height(1)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(Keys.height(Keys.height(0x0102030405060708L))).isEqualTo(0x0102030405060708L);
        assertThatThrownBy(() -> Keys.height(new byte[7])).isInstanceOf(IllegalArgumentException.class);
        assertThat(Keys.merkleNode(3, 5)).containsExactly(3, 0, 0, 0, 0, 0, 0, 0, 5);
        assertThat(Keys.utf8(Keys.utf8("id/hospital-a/dr-lee"))).isEqualTo("id/hospital-a/dr-lee");
        assertThat(Column.STATE.derivedFromBlocks()).isTrue();
        assertThat(Column.BLOBS.derivedFromBlocks()).isFalse();
        assertThat(Column.META.familyName()).isEqualTo("default");
    }

    private static List<Path> filesContaining(Path dir, byte[] needle) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        // ISO-8859-1 maps each byte to one char, so String's (vectorized) search finds byte sequences
        return new String(hay, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
