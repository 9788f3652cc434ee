package org.careledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The direct tree writer of {@link CanonicalJson#encode} must give the reference round trip's bytes, always. */
class CanonicalJsonEncodingTest {
    record Anchor(String org, String documentId, String sha256, String kind, String anchoredBy, long anchoredAt, long height) {}

    record Zebra(int zulu, String alpha, Map<String, Object> middle, List<Object> list, Boolean maybe, Anchor nested) {}

    record WithFloat(double ratio, float f, BigDecimal price, BigInteger big) {}

    record WithBinary(byte[] data, UUID id) {}

    static final class Bean {
        private final String b = "b";
        private final int a = 1;

        public String getB() {
            return b;
        }

        public int getA() {
            return a;
        }

        public boolean isZ() {
            return true;
        }

        public String getC() {
            return null;
        }
    }

    record WithDerived(String name, long at) {
        public String getLabel() {
            return name + "@" + at;
        }
    }

    record WithCollections(SortedSet<String> roles, List<String> notes, Map<String, Long> counts) {}

    @Property(tries = 500)
    void sameBytesAsTheRoundTripForAnyPlainValue(@ForAll("json") Object value) {
        assertThat(new String(CanonicalJson.encode(value))).isEqualTo(new String(CanonicalJson.encodeByRoundTrip(value)));
    }

    @Property(tries = 200)
    void sameBytesForRecordsHoldingAnyPlainValues(@ForAll("json") Object a, @ForAll("json") Object b,
                                                   @ForAll("text") String s, @ForAll int i, @ForAll long l) {
        Map<String, Object> middle = new HashMap<>();
        middle.put(s, a);
        middle.put("k", b);
        List<Object> list = new ArrayList<>();
        list.add(a);
        list.add(null);
        list.add(b);
        Zebra z = new Zebra(i, s, middle, list, i % 2 == 0 ? null : Boolean.TRUE,
                new Anchor(s, "doc-" + i, "ab", "", s, l, i));
        assertThat(CanonicalJson.encode(z)).isEqualTo(CanonicalJson.encodeByRoundTrip(z));
    }

    @Property(tries = 500)
    void bareStringsGiveTheRoundTripsBytes(@ForAll String s) {
        assertThat(CanonicalJson.encode(s)).isEqualTo(CanonicalJson.encodeByRoundTrip(s));
    }

    @Test
    void sameBytesForTheShapesContractsUse() {
        for (Object v : List.of(new Anchor("hospital-a", "doc-1", "00ff", "lab-report", "hospital-a/dr-lee", 1_700_000_000_000L, 42),
                new Bean(), new WithDerived("x", 3), new WithCollections(new TreeSet<>(List.of("b", "a")), List.of("n", "m"),
                        Map.of("z", 1L, "a", Long.MAX_VALUE)),
                new WithCollections(null, null, new LinkedHashMap<>()), Map.of(), List.of(), "text", 7,
                Long.MIN_VALUE, true, Map.of("é", "ü", "a\u0000b", "\u2028", "\uD83D\uDE00", "\"\\"))) {
            assertThat(new String(CanonicalJson.encode(v))).as(v.getClass().getSimpleName())
                    .isEqualTo(new String(CanonicalJson.encodeByRoundTrip(v)));
        }
    }

    @Test
    void valuesTheWriterDoesNotHandleTakeTheRoundTrip() {
        for (Object v : List.of(new WithFloat(0.1, 0.1f, new BigDecimal("1.10"), BigInteger.TWO.pow(80)),
                new WithBinary(new byte[] {1, 2, 3}, new UUID(1, 2)), Map.of("f", 1.5f, "d", List.of(2.5)),
                BigInteger.TEN.pow(30))) {
            assertThat(new String(CanonicalJson.encode(v))).as(v.getClass().getSimpleName())
                    .isEqualTo(new String(CanonicalJson.encodeByRoundTrip(v)));
        }
    }

    @Test
    void keysAreSortedAndThereIsNoWhitespace() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, Map.of("y", 2, "x", 3)));
        m.put("a", null);
        m.put("B", "upper");
        assertThat(new String(CanonicalJson.encode(m))).isEqualTo("{\"B\":\"upper\",\"a\":null,\"b\":[1,{\"x\":3,\"y\":2}]}");
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(6),
                Arbitraries.of("", "a", "A", "_", "é", "\uD83D\uDE00", "\u2028", "\"", "\\", "10", "1e3"));
    }

    @Provide
    Arbitrary<Object> json() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(text().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(text(), inner).ofMaxSize(4).map(m -> (Object) new HashMap<>(m))), 0, 3);
    }
}
