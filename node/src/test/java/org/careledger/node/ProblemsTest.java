package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.careledger.api.Problem;
import org.careledger.core.CareledgerException;
import org.careledger.node.api.Problems;
import org.junit.jupiter.api.Test;

class ProblemsTest {
    @Test
    void codesMapToTheirHttpStatus() {
        assertThat(Problems.status("TX_MALFORMED")).isEqualTo(400);
        assertThat(Problems.status("TX_WRONG_CHAIN")).isEqualTo(400);
        assertThat(Problems.status("TX_SIGNATURE_INVALID")).isEqualTo(401);
        assertThat(Problems.status("TX_UNKNOWN_SIGNER")).isEqualTo(401);
        assertThat(Problems.status("TX_NOT_FOUND")).isEqualTo(404);
        assertThat(Problems.status("BLOCK_NOT_FOUND")).isEqualTo(404);
        assertThat(Problems.status("TX_REPLAY")).isEqualTo(409);
        assertThat(Problems.status("TX_TOO_LARGE")).isEqualTo(413);
        assertThat(Problems.status("NODE_BUSY")).isEqualTo(503);
        assertThat(Problems.status("COMMIT_TIMEOUT")).isEqualTo(504);
        assertThat(Problems.status("STORE_CORRUPTED")).isEqualTo(500);
        assertThat(Problems.status("MEMBER_EXISTS")).isEqualTo(422);
        assertThat(Problems.status("METHOD_NOT_ALLOWED")).isEqualTo(405);
        assertThat(Problems.status("PAYLOAD_TOO_LARGE")).isEqualTo(413);
        assertThat(Problems.status("BLOB_TOO_LARGE")).isEqualTo(413);
        assertThat(Problems.status("HEADERS_TOO_LARGE")).isEqualTo(431);
        assertThat(Problems.status("RECORD_ERASED")).isEqualTo(410);
        assertThat(Problems.status("ACCESS_DENIED")).isEqualTo(403);
        assertThat(Problems.status("ACCESS_NOT_FOUND")).isEqualTo(404);
        assertThat(Problems.status("BLOB_NOT_FOUND")).isEqualTo(404);
        assertThat(Problems.status("ACCESS_UNKNOWN")).isEqualTo(422);
        assertThat(Problems.status("FHIR_FORMAT_UNSUPPORTED")).isEqualTo(406);
        assertThat(Problems.status("FHIR_NOT_SUPPORTED")).isEqualTo(501);
    }

    @Test
    void httpLevelRefusalsGetTheCodeOfTheirStatus() {
        assertThat(Problems.of(400, "Ambiguous URI path", null).code()).isEqualTo("BAD_REQUEST");
        assertThat(Problems.of(405, "Method Not Allowed", "/v1/txs").code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(Problems.of(405, "Method Not Allowed", "/v1/txs").title()).isEqualTo("Method Not Allowed");
        assertThat(Problems.of(413, "too large", "/v1/txs").code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(Problems.of(414, "URI Too Long", null).code()).isEqualTo("URI_TOO_LONG");
        assertThat(Problems.of(431, "Request Header Fields Too Large", null).code()).isEqualTo("HEADERS_TOO_LARGE");
        assertThat(Problems.of(505, "HTTP Version Not Supported", null).code()).isEqualTo("HTTP_505");
        for (int s : new int[] {400, 405, 413, 414, 431}) {
            assertThat(Problems.status(Problems.of(s, "", null).code())).isEqualTo(s);
        }
    }

    @Test
    void aProblemCarriesTypeTitleStatusDetailAndCode() {
        Problem p = Problems.of(new CareledgerException("TX_REPLAY", "nonce 7 of hospital-a/admin was already used"), "/v1/txs");
        assertThat(p.type()).isEqualTo("https://careledger.org/problems/tx-replay");
        assertThat(p.title()).isEqualTo("Conflict");
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.detail()).isEqualTo("nonce 7 of hospital-a/admin was already used");
        assertThat(p.code()).isEqualTo("TX_REPLAY");
        assertThat(p.instance()).isEqualTo("/v1/txs");
        Problem internal = Problems.internal("/x");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.detail()).doesNotContain("Exception");
    }
}
