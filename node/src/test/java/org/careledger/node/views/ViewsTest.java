package org.careledger.node.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.careledger.api.SubmitResponse;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEvent;
import org.junit.jupiter.api.Test;

/** Embedding event JSON as written must serialize exactly like parsing it into a tree and writing that. */
class ViewsTest {
    private final ObjectMapper api = CanonicalJson.mapper(); // what ApiServer writes answers with

    record Anchored(String org, String documentId, String sha256, String kind, long anchoredAt, long height) {}

    @Property(tries = 300)
    void rawEventsSerializeLikeParsedOnes(@ForAll("eventData") List<Object> data) throws Exception {
        List<TxEvent> events = new ArrayList<>();
        for (Object d : data) {
            events.add(TxEvent.newBuilder().setType("E").setData(ByteString.copyFrom(CanonicalJson.encode(d))).build());
        }
        assertSameAnswer(events);
    }

    @Test
    void theShapesContractsEmitAndOddBytes() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratio", 0.1);
        m.put("big", BigInteger.TEN.pow(25));
        m.put("text", "é \u2028 \"q\" \\ \u0001 \uD83D\uDE00");
        m.put("none", null);
        List<TxEvent> events = new ArrayList<>();
        for (Object d : List.of(new Anchored("hospital-a", "doc-1", "ab".repeat(32), "lab", 1_700_000_000_000L, 7), m,
                List.of(1, -2, 3.5e300), "s", 42, true)) {
            events.add(TxEvent.newBuilder().setType("E").setData(ByteString.copyFrom(CanonicalJson.encode(d))).build());
        }
        events.add(TxEvent.newBuilder().setType("Empty").build());
        events.add(TxEvent.newBuilder().setType("NotJson").setData(ByteString.copyFrom(new byte[] {(byte) 0xff, 1})).build());
        assertSameAnswer(events);
    }

    private void assertSameAnswer(List<TxEvent> events) throws Exception {
        SubmitResponse parsed = new SubmitResponse("id", "COMMITTED", 1, 0, "h", "VALID", "", "", Views.events(events));
        SubmitResponse raw = new SubmitResponse("id", "COMMITTED", 1, 0, "h", "VALID", "", "", Views.eventsAsWritten(events));
        // ApiServer.write: writeValueAsBytes (the UTF-8 generator, which escapes surrogate pairs as CanonicalJson does)
        assertThat(new String(api.writeValueAsBytes(List.of(raw)), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(api.writeValueAsBytes(List.of(parsed)), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<List<Object>> eventData() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        Arbitrary<Object> json = Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner).ofMaxSize(3).map(x -> (Object) x)), 0, 3);
        return json.list().ofMaxSize(3);
    }
}
