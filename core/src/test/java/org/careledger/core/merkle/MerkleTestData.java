package org.careledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The third-party Merkle vectors, test resources under testdata/merkle (see testdata/README.md there). */
final class MerkleTestData {
    static final ObjectMapper JSON = new ObjectMapper();

    /** reference_tree.json: the 8 leaf inputs and the RFC 6962 root for every size 0..8. */
    record ReferenceTree(List<byte[]> leaves, Map<Integer, byte[]> rootsBySize) {}

    private MerkleTestData() {}

    /** The folder on the test classpath (this module's test-classes), so the probes can be walked. */
    static Path merkleDir() {
        URL url = MerkleTestData.class.getResource("/testdata/merkle");
        assertThat(url).as("the Merkle test vectors (test resource testdata/merkle)").isNotNull();
        try {
            Path dir = Path.of(url.toURI());
            assertThat(dir).as("the Merkle test vectors").isDirectory();
            return dir;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReferenceTree referenceTree() {
        JsonNode json = read(merkleDir().resolve("reference_tree.json"));
        HexFormat hex = HexFormat.of();
        List<byte[]> leaves = new ArrayList<>();
        json.get("leaves_hex").forEach(leaf -> leaves.add(hex.parseHex(leaf.asText())));
        Map<Integer, byte[]> roots = new TreeMap<>();
        json.get("roots_hex_by_size").properties()
                .forEach(e -> roots.put(Integer.parseInt(e.getKey()), hex.parseHex(e.getValue().asText())));
        return new ReferenceTree(List.copyOf(leaves), roots);
    }

    static List<Path> jsonFiles(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
