package org.careledger.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {
    private static final Path DOC = Path.of("..", "docs", "ERRORS.md");
    private static final String START = "<!-- catalogue:start -->\n";
    private static final String END = "<!-- catalogue:end -->";

    @Test
    void statusesComeFromTheCatalogue() {
        ErrorCatalogue c = ErrorCatalogue.standard();
        assertThat(c.httpStatus("TX_SIGNATURE_INVALID")).isEqualTo(401);
        assertThat(c.httpStatus("ACCESS_NOT_FOUND")).isEqualTo(404);
        assertThat(c.httpStatus("RECORD_ERASED")).isEqualTo(410);
        assertThat(c.httpStatus("GRANT_UNKNOWN")).isEqualTo(422);
        assertThat(c.httpStatus("NODE_CATCHING_UP")).isEqualTo(503);
        assertThat(c.find("WALLET_EXISTS")).get().satisfies(e -> assertThat(e.httpStatus()).isEmpty());
        assertThat(c.httpStatus("WALLET_EXISTS")).isEqualTo(ErrorCatalogue.DEFAULT_STATUS);
        assertThat(c.httpStatus("STORE_SOMETHING_NEW")).isEqualTo(500);
    }

    @Test
    void malformedCataloguesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> ErrorCatalogue.parse(List.of("A_B\t422\tx\tone", "A_B\t400\tx\ttwo")))
                .hasMessageContaining("line 2: A_B is listed twice");
        assertThatThrownBy(() -> ErrorCatalogue.parse(List.of("A_B\t200\tx\tok?")))
                .hasMessageContaining("status must be a 4xx/5xx number");
        assertThatThrownBy(() -> ErrorCatalogue.parse(List.of("a_b\t422\tx\tlower")))
                .hasMessageContaining("line 1");
        assertThat(ErrorCatalogue.parse(List.of("# comment", "", "A_B\t-\tcli\tlocal")).find("A_B")).isPresent();
    }

    /**
     * docs/ERRORS.md carries the rendered catalogue. Regenerate it with
     * {@code ./mvnw -pl core test -Dtest=ErrorCatalogueTest -Dcareledger.writeErrorsDoc=true}.
     */
    @Test
    void docsErrorsMdIsTheRenderedCatalogue() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("docs/ERRORS.md markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String rendered = ErrorCatalogue.standard().markdown();
        if (Boolean.getBoolean("careledger.writeErrorsDoc")) {
            Files.writeString(DOC, doc.substring(0, start + START.length()) + rendered + doc.substring(end));
            return;
        }
        assertThat(doc.substring(start + START.length(), end))
                .as("docs/ERRORS.md is out of date; regenerate it: ./mvnw -pl core test -Dtest=ErrorCatalogueTest"
                        + " -Dcareledger.writeErrorsDoc=true")
                .isEqualTo(rendered);
    }
}
