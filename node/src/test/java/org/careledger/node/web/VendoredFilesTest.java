package org.careledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Vendored browser libraries are copied unmodified from their registry tarballs (web/explorer/vendor/README.md): every
 * file must hash to what the committed manifest says, and the manifest must list every file, so a hand edit, an
 * added file or a forgotten one fails here.
 */
class VendoredFilesTest {
    private static final Path VENDOR = Path.of("src", "main", "resources", "web", "explorer", "vendor");

    @Test
    void everyVendoredFileMatchesTheManifestAndTheManifestListsEveryFile() throws IOException {
        Map<String, String> manifest = new TreeMap<>();
        for (String line : Files.readAllLines(VENDOR.resolve("SHA256SUMS"))) {
            String[] parts = line.split(" {2}", 2);
            assertThat(parts).as(line).hasSize(2);
            manifest.put(parts[1], parts[0]);
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.walk(VENDOR)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = VENDOR.relativize(f).toString().replace('\\', '/');
                if (!name.equals("SHA256SUMS") && !name.equals("README.md")) {
                    actual.put(name, sha256(Files.readAllBytes(f)));
                }
            }
        }
        assertThat(manifest).as("vendored files").isNotEmpty();
        assertThat(actual).isEqualTo(manifest);
    }

    @Test
    void theJarServesTheVendoredModulesThePageImports() throws IOException {
        for (String name : new String[] {"vendor/hpke-core-1.9.0/esm/mod.js",
                "vendor/hpke-common-1.10.1/esm/mod.js"}) {
            try (var in = WebAssets.class.getResourceAsStream(WebAssets.ROOT + name)) {
                assertThat(in).as(name).isNotNull();
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
