package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.careledger.client.api.Problem;
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
