package org.careledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WebAssetsTest {
    @Test
    void onlyGetsAndHeadsUnderTheExplorerAreOpen() {
        assertThat(WebAssets.isAsset("GET", "/explorer")).isTrue();
        assertThat(WebAssets.isAsset("GET", "/explorer/")).isTrue();
        assertThat(WebAssets.isAsset("HEAD", "/explorer/js/app.js")).isTrue();
        assertThat(WebAssets.isAsset("POST", "/explorer/")).isFalse();
        assertThat(WebAssets.isAsset("GET", "/explorerx")).isFalse();
        assertThat(WebAssets.isAsset("GET", "/v1/blocks/1")).isFalse();
        assertThat(WebAssets.isAsset("GET", "/v1/explorer/")).isFalse();
    }

    @Test
    void onlyPlainNamesAndVendoredModulesInTheirPackageLayoutAreServed() {
        assertThat(WebAssets.servableType("js/app.js")).isEqualTo("js");
        assertThat(WebAssets.servableType("index.html")).isEqualTo("html");
        assertThat(WebAssets.servableType("vendor/hpke-core-1.9.0/esm/src/kems/dhkemX25519.js")).isEqualTo("js");
        assertThat(WebAssets.servableType("vendor/hpke-common-1.10.1/esm/_dnt.shims.js")).isEqualTo("js");
        for (String refused : new String[] {"../x.js", "js/../app.js", "vendor/hpke-core-1.9.0/esm/../../x.js",
                "vendor/hpke-core-1.9.0/esm/src/..js", "vendor/hpke-core-1.9.0/LICENSE", "vendor/SHA256SUMS",
                "vendor/README.md", "vendor/hpke-core-1.9.0/esm/mod.d.ts", "vendor/hpke-core/esm/mod.js",
                "vendor/hpke-core-1.9.0/esm/.hidden/x.js", "a/b/c.js", "JS/App.js"}) {
            assertThat(WebAssets.servableType(refused)).as(refused).isNull();
        }
    }

    @Test
    void theContentSecurityPolicyKeepsPagesToTheirOwnOrigin() {
        assertThat(WebAssets.CSP).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe", "http");
    }

    @Test
    void theOnlyInlineScriptAllowedIsTheShellsImportMapByItsHash() throws Exception {
        String html;
        try (InputStream in = WebAssets.class.getResourceAsStream(WebAssets.ROOT + "index.html")) {
            html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String map = html.replaceAll("(?s).*<script type=\"importmap\">(.*?)</script>.*", "$1");
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(map.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(WebAssets.CSP).contains("script-src 'self' 'sha256-" + hash + "';");
        assertThat(map).contains("\"@hpke/common\": \"./vendor/hpke-common-1.10.1/esm/mod.js\"");
    }

    @Test
    void everyPageFileTheShellLoadsIsInTheJar() throws IOException {
        for (String name : new String[] {"index.html", "app.css", "js/app.js", "js/signer.js", "js/api.js",
                "js/proofs.js", "js/bytes.js", "js/explorer.js", "js/pharmacy.js", "js/patient.js", "js/tx.js",
                "js/ui.js", "js/state.js", "js/audit.js", "js/directory.js", "js/research.js",
                "js/sealing.js", "js/records.js", "js/consent.js"}) {
            try (InputStream in = WebAssets.class.getResourceAsStream(WebAssets.ROOT + name)) {
                assertThat(in).as(name).isNotNull();
            }
        }
    }
}
