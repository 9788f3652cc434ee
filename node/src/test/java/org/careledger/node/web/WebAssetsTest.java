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
    void theContentSecurityPolicyKeepsPagesToTheirOwnOrigin() {
        assertThat(WebAssets.CSP).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe", "http");
    }

    @Test
    void everyPageFileTheShellLoadsIsInTheJar() throws IOException {
        for (String name : new String[] {"index.html", "app.css", "js/app.js", "js/signer.js", "js/api.js",
                "js/proofs.js", "js/bytes.js", "js/explorer.js", "js/pharmacy.js", "js/patient.js", "js/tx.js",
                "js/ui.js", "js/state.js", "js/audit.js", "js/directory.js", "js/research.js"}) {
            try (InputStream in = WebAssets.class.getResourceAsStream(WebAssets.ROOT + name)) {
                assertThat(in).as(name).isNotNull();
            }
        }
    }
}
