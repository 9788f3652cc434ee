package org.careledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;

class DecodeCacheTest {
    record Entry(String id, long at, List<String> refs) {
        Entry {
            refs = List.copyOf(refs);
        }
    }

    private final DecodeCache<Entry> cache = new DecodeCache<>(Entry.class);

    @Test
    void givesWhatDecodeGivesForTheSameBytesAndANewValueForOtherBytes() {
        byte[] a = CanonicalJson.encode(new Entry("a", 1, List.of("x")));
        byte[] b = CanonicalJson.encode(new Entry("b", 2, List.of()));
        Entry first = cache.decode(a);
        assertThat(first).isEqualTo(CanonicalJson.decode(a, Entry.class));
        assertThat(cache.decode(a.clone())).isSameAs(first);
        assertThat(cache.decode(b)).isEqualTo(new Entry("b", 2, List.of()));
        assertThat(cache.decode(a)).isEqualTo(first);
    }

    @Test
    void bytesChangedAfterDecodingAreNotMistakenForTheOldValue() {
        byte[] a = "{\"at\":1,\"id\":\"a\",\"refs\":[]}".getBytes(StandardCharsets.UTF_8);
        Entry first = cache.decode(a);
        a[new String(a, StandardCharsets.UTF_8).indexOf("\"a\"") + 1] = 'b'; // the caller reuses its buffer
        assertThat(new String(a, StandardCharsets.UTF_8)).contains("\"id\":\"b\"");
        assertThat(cache.decode(a).id()).isEqualTo("b");
        assertThat(first.id()).isEqualTo("a");
    }

    @Test
    void malformedBytesFailAsDecodeDoesAndAreNotCached() {
        byte[] bad = "{\"id\":".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> cache.decode(bad)).isInstanceOf(CareledgerException.class);
        assertThatThrownBy(() -> cache.decode(bad)).isInstanceOf(CareledgerException.class);
    }
}
