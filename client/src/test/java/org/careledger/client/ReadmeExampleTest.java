package org.careledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked example in README.md is {@link ReadmeExample}'s marked region, so it compiles with the tests and cannot
 * drift from the SDK (SdkClientsIT in cli runs it against real nodes).
 */
class ReadmeExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile(
            "<!-- example: ReadmeExample -->\\s*```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void theReadmeExampleIsTheCompiledOne() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = JAVA_BLOCK.matcher(readme);
        assertThat(m.find()).as("README.md has a java block after <!-- example: ReadmeExample -->").isTrue();
        String source = Files.readString(Path.of("src/test/java/org/careledger/client/ReadmeExample.java"));
        int begin = source.indexOf("// BEGIN README EXAMPLE\n");
        int end = source.indexOf("// END README EXAMPLE");
        assertThat(begin).isPositive();
        assertThat(end).isGreaterThan(begin);
        String region = source.substring(begin + "// BEGIN README EXAMPLE\n".length(), source.lastIndexOf('\n', end));
        assertThat(dedent(m.group(1))).isEqualTo(dedent(region));
    }

    /** The lines without their common indentation and trailing blanks. */
    static String dedent(String block) {
        List<String> lines = Arrays.stream(block.split("\n", -1)).map(String::stripTrailing).toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()).strip();
    }
}
