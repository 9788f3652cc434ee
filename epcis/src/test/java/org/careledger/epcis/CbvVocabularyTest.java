package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CbvVocabularyTest {

    @ParameterizedTest
    @ValueSource(strings = {"dispensing", "urn:epcglobal:cbv:bizstep:dispensing",
            "https://ref.gs1.org/cbv/BizStep-dispensing", "http://ns.gs1.org/cbv/BizStep-dispensing",
            "cbv:BizStep-dispensing"})
    void everySpellingOfAStandardTermIsTheSameValue(String spelling) {
        CbvValue<BizStep> step = BizStep.parse(spelling);
        assertThat(step).isEqualTo(CbvValue.of(BizStep.DISPENSING));
        assertThat(step.isStandard()).isTrue();
        assertThat(step.value()).isEqualTo("dispensing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/bizstep/quarantine", "urn:example:step:x",
            "urn:epcglobal:cbv:bizstep:teleporting", "https://ref.gs1.org/cbv/Disp-in_transit", "Shipping"})
    void anythingElseIsOtherWithItsSpellingKept(String spelling) {
        CbvValue<BizStep> step = BizStep.parse(spelling);
        assertThat(step.term()).isEqualTo(BizStep.OTHER);
        assertThat(step.value()).isEqualTo(spelling);
        assertThat(step.isStandard()).isFalse();
    }

    @Test
    void cbvOwnOtherTermIsStandard() {
        assertThat(BizStep.parse("urn:epcglobal:cbv:bizstep:other")).isEqualTo(CbvValue.of(BizStep.OTHER));
        assertThat(BizStep.parse("other").isStandard()).isTrue();
    }

    @Test
    void theOtherVocabulariesNormalizeToo() {
        assertThat(Disposition.parse("urn:epcglobal:cbv:disp:recalled").term()).isEqualTo(Disposition.RECALLED);
        assertThat(SourceDestType.parse("https://ref.gs1.org/cbv/SDT-owning_party").term())
                .isEqualTo(SourceDestType.OWNING_PARTY);
        assertThat(BizTransactionType.parse("urn:epcglobal:cbv:btt:desadv").term())
                .isEqualTo(BizTransactionType.DESADV);
        assertThat(ErrorReason.parse("https://ref.gs1.org/cbv/ER-did_not_occur").term())
                .isEqualTo(ErrorReason.DID_NOT_OCCUR);
    }

    /** The enums list exactly the terms the EPCIS 2.0 JSON schema enumerates, no more and no fewer. */
    @Test
    void enumsMatchTheTermsOfTheEpcisJsonSchema() throws IOException {
        JsonNode definitions = new ObjectMapper().readTree(EpcisExamples.bytes(EpcisExamples.SCHEMA))
                .path("definitions");
        assertThat(cbvNames(BizStep.values(), BizStep::cbvName, BizStep.OTHER, true))
                .isEqualTo(schemaEnum(definitions.path("bizStep")));
        assertThat(cbvNames(Disposition.values(), Disposition::cbvName, Disposition.OTHER, false))
                .isEqualTo(schemaEnum(definitions.path("disposition")));
        assertThat(cbvNames(SourceDestType.values(), SourceDestType::cbvName, SourceDestType.OTHER, false))
                .isEqualTo(schemaEnum(definitions.path("source-dest-type")));
        assertThat(cbvNames(BizTransactionType.values(), BizTransactionType::cbvName, BizTransactionType.OTHER,
                false)).isEqualTo(schemaEnum(definitions.path("bizTransaction-type")));
        assertThat(cbvNames(ErrorReason.values(), ErrorReason::cbvName, ErrorReason.OTHER, false))
                .isEqualTo(schemaEnum(definitions.path("error-reason")));
        Set<String> actions = Arrays.stream(Action.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actions).isEqualTo(strings(definitions.path("action").path("enum")));
    }

    private static <T> Set<String> cbvNames(T[] values, Function<T, String> name, T other, boolean otherIsCbvTerm) {
        return Arrays.stream(values).filter(v -> otherIsCbvTerm || v != other).map(name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The string enum of a definition of the form anyOf: [ {vocab-other-uri}, {type: string, enum: [...]} ]. */
    private static Set<String> schemaEnum(JsonNode definition) {
        return StreamSupport.stream(definition.path("anyOf").spliterator(), false)
                .filter(alternative -> alternative.has("enum"))
                .findFirst()
                .map(alternative -> strings(alternative.path("enum")))
                .orElseThrow();
    }

    private static Set<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
