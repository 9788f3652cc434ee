package org.careledger.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.merkle.Rfc6962;

/** A released dataset's Merkle root is re-derived from its file, whatever order it was built in; a change shows. */
class DatasetPropertiesTest {

    @Property(tries = 200)
    void theRootIsReDerivedFromTheFile(@ForAll @Size(min = 0, max = 40) List<@AlphaChars @StringLength(max = 20) String> values) {
        List<byte[]> resources = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            resources.add(CanonicalJson.encode(java.util.Map.of("resourceType", "Observation", "id", "o" + i,
                    "valueString", values.get(i))));
        }
        Dataset built = Dataset.of(resources);
        Collections.reverse(resources);
        assertThat(Dataset.of(resources).merkleRoot()).isEqualTo(built.merkleRoot());
        Dataset read = Dataset.parse(built.bytes());
        assertThat(read.size()).isEqualTo(values.size());
        assertThat(read.merkleRoot()).isEqualTo(built.merkleRoot());
        if (!values.isEmpty()) {
            byte[] tampered = built.bytes();
            tampered[1] ^= 1;
            assertThat(Dataset.parse(tampered).merkleRoot()).isNotEqualTo(built.merkleRoot());
        }
    }

    @Example
    void theRootIsRfc6962OverTheLines() {
        byte[] a = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"b\":2}".getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(Rfc6962.nodeHash(Rfc6962.leafHash(a), Rfc6962.leafHash(b)));
        assertThat(Dataset.of(List.of(b, a)).merkleRoot()).isEqualTo(expected);
        assertThat(Dataset.parse("{\"a\":1}\n{\"b\":2}".getBytes(StandardCharsets.UTF_8)).merkleRoot()).isEqualTo(expected);
        assertThat(Dataset.of(List.of()).merkleRoot()).isEqualTo(HexFormat.of().formatHex(Rfc6962.emptyRoot()));
    }

    @Example
    void aLineBreakInsideAResourceOrAnEmptyLineIsRefused() {
        assertThatThrownBy(() -> Dataset.of(List.of("{\n}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CareledgerException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> Dataset.parse("{}\n\n{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CareledgerException.class).hasMessageContaining("empty line");
    }
}
