package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.core.CareledgerException;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Sscc;
import org.junit.jupiter.api.Test;

/** The per-type rules of the EPCIS standard hold for every constructed event, not only for parsed ones. */
class EpcisEventTest {
    private static final Epc PACK = Epc.parse("urn:epc:id:sgtin:0614141.107346.2017");
    private static final Epc CASE = Sscc.parse("urn:epc:id:sscc:0614141.1234567890");

    private static EpcisEvent event(Optional<Action> action, EventItems items, Ilmd ilmd, ZoneOffset offset) {
        return new EpcisEvent(Optional.empty(), Instant.parse("2024-01-01T00:00:00Z"), offset, action, items,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), ilmd, Optional.empty());
    }

    private static EpcisEvent event(Optional<Action> action, EventItems items) {
        return event(action, items, Ilmd.NONE, ZoneOffset.UTC);
    }

    @Test
    void objectAndAggregationEventsNeedAnActionTransformationEventsHaveNone() {
        assertRejected(() -> event(Optional.empty(), new ObjectEventItems(List.of(PACK), List.of())),
                EpcisErrorCode.EPCIS_MISSING_FIELD, "an ObjectEvent needs an action");
        assertRejected(() -> event(Optional.of(Action.ADD), new TransformationEventItems(Optional.empty(),
                List.of(PACK), List.of(), List.of(), List.of())), EpcisErrorCode.EPCIS_BAD_FIELD,
                "a TransformationEvent has no action");
    }

    @Test
    void packingAndUnpackingNameTheParent() {
        AggregationEventItems orphans = new AggregationEventItems(Optional.empty(), List.of(PACK), List.of());
        assertRejected(() -> event(Optional.of(Action.ADD), orphans), EpcisErrorCode.EPCIS_MISSING_FIELD,
                "with action ADD must name its parentID");
        assertRejected(() -> event(Optional.of(Action.DELETE), orphans), EpcisErrorCode.EPCIS_MISSING_FIELD,
                "with action DELETE");
        assertThat(event(Optional.of(Action.OBSERVE), orphans).parentId()).isEmpty();
        assertRejected(() -> new AggregationEventItems(Optional.of(CASE), List.of(PACK, CASE), List.of()),
                EpcisErrorCode.EPCIS_BAD_FIELD, "is also listed as its own child");
    }

    @Test
    void ilmdOnlyWhenObjectsComeIntoBeing() {
        Ilmd lot = new Ilmd(Optional.of("L1"), Optional.empty());
        ObjectEventItems packs = new ObjectEventItems(List.of(PACK), List.of());
        assertThat(event(Optional.of(Action.ADD), packs, lot, ZoneOffset.UTC).lot()).contains("L1");
        assertRejected(() -> event(Optional.of(Action.DELETE), packs, lot, ZoneOffset.UTC),
                EpcisErrorCode.EPCIS_BAD_FIELD, "ilmd is only allowed when action is ADD");
    }

    @Test
    void offsetsStayWithinFourteenHours() {
        ObjectEventItems packs = new ObjectEventItems(List.of(PACK), List.of());
        assertThat(event(Optional.of(Action.OBSERVE), packs, Ilmd.NONE, ZoneOffset.ofHours(-12))
                .localEventTime()).hasToString("2023-12-31T12:00-12:00");
        assertRejected(() -> event(Optional.of(Action.OBSERVE), packs, Ilmd.NONE, ZoneOffset.ofHours(15)),
                EpcisErrorCode.EPCIS_BAD_TIME, "between -14:00 and +14:00");
    }

    @Test
    void quantitiesAreNonNegativeAndNormalized() {
        QuantityElement ten = new QuantityElement("urn:x", Optional.of(new BigDecimal("10.000")), Optional.empty());
        assertThat(ten.quantity()).contains(BigDecimal.TEN);
        assertThat(ten).isEqualTo(new QuantityElement("urn:x", Optional.of(BigDecimal.TEN), Optional.empty()));
        assertRejected(() -> new QuantityElement("urn:x", Optional.of(new BigDecimal("-1")), Optional.empty()),
                EpcisErrorCode.EPCIS_BAD_FIELD, "is negative");
        assertRejected(() -> new QuantityElement(" ", Optional.empty(), Optional.empty()),
                EpcisErrorCode.EPCIS_MISSING_FIELD, "needs an epcClass");
    }

    @Test
    void accessorsOfOtherEventTypesAreEmpty() {
        EpcisEvent aggregation = event(Optional.of(Action.ADD),
                new AggregationEventItems(Optional.of(CASE), List.of(PACK), List.of()));
        assertThat(aggregation.type()).isEqualTo(EpcisEventType.AGGREGATION_EVENT);
        assertThat(aggregation.epcList()).isEmpty();
        assertThat(aggregation.quantityList()).isEmpty();
        assertThat(aggregation.childEpcs()).containsExactly(PACK);
        assertThat(aggregation.hasBizStep(BizStep.PACKING)).isFalse();
        assertThat(aggregation.hasErrorDeclaration()).isFalse();
    }

    private static void assertRejected(ThrowingCallable call, EpcisErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo(code.name()))
                .hasMessageContaining(messagePart);
    }
}
