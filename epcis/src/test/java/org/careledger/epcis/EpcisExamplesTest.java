package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.EpcisExamples.AGGREGATION_ALL_FIELDS;
import static org.careledger.epcis.EpcisExamples.AGGREGATION_EVENT;
import static org.careledger.epcis.EpcisExamples.AGGREGATION_EVENT_DL;
import static org.careledger.epcis.EpcisExamples.ERROR_DECLARATION;
import static org.careledger.epcis.EpcisExamples.OBJECT_ALL_FIELDS;
import static org.careledger.epcis.EpcisExamples.OBJECT_EVENT;
import static org.careledger.epcis.EpcisExamples.OBJECT_EVENT_DL;
import static org.careledger.epcis.EpcisExamples.OBJECT_EVENT_QUANTITY;
import static org.careledger.epcis.EpcisExamples.PERSISTENT_DISPOSITION;
import static org.careledger.epcis.EpcisExamples.TRANSFORMATION_EVENT;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.careledger.epcis.gs1.CompanyPrefix;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Gln;
import org.careledger.epcis.gs1.Gtin;
import org.careledger.epcis.gs1.ProductClass;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every GS1 example document, field by field, with values taken from the files. */
class EpcisExamplesTest {
    /** urn:epc:id:sgtin:0614141.107346.* ; the check digit 4 is computed, the URI does not carry it. */
    private static final Gtin GTIN_0614141_107346 = new Gtin("10614141073464");
    private static final Sscc PALLET = Sscc.of("106141412345678908");

    static List<String> documents() {
        return EpcisExamples.documentNames();
    }

    @Test
    void theFolderHoldsTheTenDocumentsThisTestKnows() {
        assertThat(EpcisExamples.documentNames()).containsExactlyInAnyOrder(OBJECT_EVENT, OBJECT_EVENT_DL,
                OBJECT_EVENT_QUANTITY, AGGREGATION_EVENT, AGGREGATION_EVENT_DL, TRANSFORMATION_EVENT,
                ERROR_DECLARATION, PERSISTENT_DISPOSITION, OBJECT_ALL_FIELDS, AGGREGATION_ALL_FIELDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyEventOfEveryExampleIsRead(String name) {
        EpcisDocument doc = EpcisExamples.read(name);
        assertThat(doc.failures()).as(name).isEmpty();
        assertThat(doc.isComplete()).isTrue();
        assertThat(doc.events()).isNotEmpty().allSatisfy(e -> assertThat(e.eventId()).isPresent());
    }

    @Test
    void objectEventShippingThenReceiving() {
        List<EpcisEvent> events = EpcisExamples.read(OBJECT_EVENT).events();
        assertThat(events).hasSize(2);

        EpcisEvent shipping = events.get(0);
        assertThat(shipping.type()).isEqualTo(EpcisEventType.OBJECT_EVENT);
        assertThat(shipping.eventId()).contains(
                "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0");
        assertThat(shipping.eventTime()).isEqualTo(Instant.parse("2005-04-04T02:33:31.116Z"));
        assertThat(shipping.eventTimeZoneOffset()).isEqualTo(ZoneOffset.ofHours(-6));
        assertThat(shipping.action()).contains(Action.OBSERVE);
        assertThat(shipping.bizStep()).contains(CbvValue.of(BizStep.SHIPPING));
        assertThat(shipping.disposition()).contains(CbvValue.of(Disposition.IN_TRANSIT));
        assertThat(shipping.epcList()).containsExactly(
                new Sgtin(GTIN_0614141_107346, "2017"), new Sgtin(GTIN_0614141_107346, "2018"));
        assertThat(((Sgtin) shipping.epcList().get(0)).companyPrefix()).contains(CompanyPrefix.of("0614141"));
        assertThat(shipping.readPoint()).contains("urn:epc:id:sgln:0614141.07346.1234");
        assertThat(shipping.bizLocation()).isEmpty();
        assertThat(shipping.bizTransactions()).containsExactly(new BizTransaction(
                Optional.of(CbvValue.of(BizTransactionType.PO)), "http://transaction.acme.com/po/12345678"));

        EpcisEvent receiving = events.get(1);
        assertThat(receiving.hasBizStep(BizStep.RECEIVING)).isTrue();
        assertThat(receiving.disposition()).contains(CbvValue.of(Disposition.IN_PROGRESS));
        assertThat(receiving.eventTime()).isEqualTo(Instant.parse("2005-04-05T02:33:31.116Z"));
        assertThat(receiving.epcList()).containsExactly(new Sgtin(GTIN_0614141_107346, "2018"));
        assertThat(receiving.readPoint()).contains("urn:epc:id:sgln:0012345.11111.400");
        assertThat(receiving.bizLocation()).contains("urn:epc:id:sgln:0012345.11111.0");
        assertThat(receiving.bizTransactions()).extracting(t -> t.type().orElseThrow().term())
                .containsExactly(BizTransactionType.PO, BizTransactionType.DESADV);
        assertThat(receiving.bizTransactions().get(1).id()).isEqualTo("urn:epcglobal:cbv:bt:0614141073467:1152");
    }

    @Test
    void objectEventWithQuantitiesSourcesAndDestinations() {
        EpcisEvent event = single(OBJECT_EVENT_QUANTITY);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2013-06-08T14:58:56.591Z"));
        assertThat(event.eventTimeZoneOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(event.epcList()).isEmpty();
        QuantityElement quantity = event.quantityList().getFirst();
        assertThat(quantity).isEqualTo(new QuantityElement("urn:epc:class:lgtin:4012345.012345.998877",
                Optional.of(new BigDecimal("200")), Optional.of("KGM")));
        assertThat(quantity.productClass()).contains(
                new ProductClass(new Gtin("04012345123456"), Optional.of("998877")));
        assertThat(event.readPoint()).contains("urn:epc:id:sgln:0614141.00777.0");
        assertThat(event.bizLocation()).contains("urn:epc:id:sgln:0614141.00888.0");
        assertThat(event.sources()).containsExactly(
                new SourceDestination(CbvValue.of(SourceDestType.POSSESSING_PARTY), "urn:epc:id:sgln:4012345.00001.0"),
                new SourceDestination(CbvValue.of(SourceDestType.LOCATION), "urn:epc:id:sgln:4012345.00225.0"));
        assertThat(event.destinations()).containsExactly(
                new SourceDestination(CbvValue.of(SourceDestType.OWNING_PARTY), "urn:epc:id:sgln:0614141.00001.0"),
                new SourceDestination(CbvValue.of(SourceDestType.LOCATION), "urn:epc:id:sgln:0614141.00777.0"));
    }

    @Test
    void aggregationEventPutsTwoPacksOnAPallet() {
        EpcisEvent event = single(AGGREGATION_EVENT);
        assertThat(event.type()).isEqualTo(EpcisEventType.AGGREGATION_EVENT);
        assertThat(event.eventId()).contains(
                "ni:///sha-256;87b5f18a69993f0052046d4687dfacdf48f7c988cfabda2819688c86b4066a49?ver=CBV2.0");
        assertThat(event.parentId()).contains(PALLET);
        assertThat(event.childEpcs()).containsExactly(
                new Sgtin(GTIN_0614141_107346, "2017"), new Sgtin(GTIN_0614141_107346, "2018"));
        assertThat(event.action()).contains(Action.OBSERVE);
        assertThat(event.hasBizStep(BizStep.RECEIVING)).isTrue();
        AggregationEventItems items = (AggregationEventItems) event.items();
        assertThat(items.childQuantityList()).containsExactly(
                new QuantityElement("urn:epc:idpat:sgtin:4012345.098765.*", Optional.of(BigDecimal.TEN),
                        Optional.empty()),
                new QuantityElement("urn:epc:class:lgtin:4012345.012345.998877",
                        Optional.of(new BigDecimal("200.5")), Optional.of("KGM")));
    }

    /**
     * The Digital Link variants must describe the same events. For the pallet and the quantity classes they name
     * exactly the same identifiers. For the packs, GS1's Digital Link file uses GTIN 70614141123451 where the URN
     * file has urn:epc:id:sgtin:0614141.107346 (GTIN 10614141073464): each parses to what it says, and the Digital
     * Link packs equal their own URN form urn:epc:id:sgtin:0614141.712345.{serial}.
     */
    @Test
    void digitalLinkVariantsParseToTheSameEventsAsTheUrnVariants() {
        List<EpcisEvent> urn = EpcisExamples.read(OBJECT_EVENT).events();
        List<EpcisEvent> link = EpcisExamples.read(OBJECT_EVENT_DL).events();
        assertThat(link).hasSize(urn.size());
        for (int i = 0; i < urn.size(); i++) {
            assertSameApartFromIdsAndGtin(link.get(i), urn.get(i));
            assertThat(link.get(i).epcList()).isEqualTo(
                    reGtin(urn.get(i).epcList(), "urn:epc:id:sgtin:0614141.712345."));
        }
        assertThat(link.getFirst().epcList().getFirst()).isEqualTo(
                Epc.parse("urn:epc:id:sgtin:0614141.712345.2017"));

        EpcisEvent aggregationUrn = single(AGGREGATION_EVENT);
        EpcisEvent aggregationLink = single(AGGREGATION_EVENT_DL);
        assertSameApartFromIdsAndGtin(aggregationLink, aggregationUrn);
        assertThat(aggregationLink.parentId()).isEqualTo(aggregationUrn.parentId());
        assertThat(aggregationLink.childEpcs()).isEqualTo(
                reGtin(aggregationUrn.childEpcs(), "urn:epc:id:sgtin:0614141.712345."));
        assertThat(quantitiesAsProductClasses(aggregationLink))
                .isEqualTo(quantitiesAsProductClasses(aggregationUrn))
                .containsExactly(new ProductClass(new Gtin("04012345987652"), Optional.empty()),
                        new ProductClass(new Gtin("04012345123456"), Optional.of("998877")));
    }

    @Test
    void transformationEventIsReadWithInputsAndOutputs() {
        EpcisEvent event = single(TRANSFORMATION_EVENT);
        assertThat(event.type()).isEqualTo(EpcisEventType.TRANSFORMATION_EVENT);
        assertThat(event.action()).isEmpty();
        assertThat(event.hasBizStep(BizStep.COMMISSIONING)).isTrue();
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2013-10-31T14:58:56.591Z"));
        TransformationEventItems items = (TransformationEventItems) event.items();
        assertThat(items.inputEpcList()).containsExactly(
                new Sgtin(new Gtin("04012345111224"), "25"), new Sgtin(new Gtin("04000001654321"), "99886655"));
        assertThat(items.inputQuantityList()).extracting(QuantityElement::epcClass).containsExactly(
                "urn:epc:class:lgtin:4012345.011111.4444", "urn:epc:class:lgtin:0614141.077777.987",
                "urn:epc:idpat:sgtin:4012345.066666.*");
        assertThat(items.inputQuantityList()).extracting(q -> q.productClass().orElseThrow().gtin().digits())
                .containsExactly("04012345111118", "00614141777778", "04012345666663");
        assertThat(items.outputEpcList()).containsExactly(IntStream.rangeClosed(25, 28)
                .mapToObj(n -> new Sgtin(new Gtin("04012345778892"), String.valueOf(n))).toArray(Epc[]::new));
        // the ILMD holds only example: attributes, neither cbvmda:lotNumber nor cbvmda:itemExpirationDate
        assertThat(event.ilmd()).isEqualTo(Ilmd.NONE);
        assertThat(event.epcList()).isEmpty();
        assertThat(event.parentId()).isEmpty();
    }

    @Test
    void errorDeclarationPointsToItsCorrectiveEvent() {
        List<EpcisEvent> events = EpcisExamples.read(ERROR_DECLARATION).events();
        assertThat(events).hasSize(2).allSatisfy(e ->
                assertThat(e.type()).isEqualTo(EpcisEventType.TRANSFORMATION_EVENT));
        EpcisEvent retracted = events.get(0);
        EpcisEvent corrective = events.get(1);
        assertThat(retracted.eventId()).contains("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8");
        ErrorDeclaration declaration = retracted.errorDeclaration().orElseThrow();
        assertThat(declaration.declarationTime()).isEqualTo(Instant.parse("2020-01-14T23:00:00Z"));
        assertThat(declaration.reason()).contains(CbvValue.of(ErrorReason.INCORRECT_DATA));
        assertThat(declaration.correctiveEventIds()).containsExactly(corrective.eventId().orElseThrow());
        assertThat(corrective.hasErrorDeclaration()).isFalse();
        TransformationEventItems before = (TransformationEventItems) retracted.items();
        TransformationEventItems after = (TransformationEventItems) corrective.items();
        assertThat(before.outputQuantityList().getFirst().quantity()).contains(new BigDecimal("452"));
        assertThat(after.outputQuantityList().getFirst().quantity()).contains(new BigDecimal("500"));
        assertThat(after.outputQuantityList().getFirst().productClass().orElseThrow().gtin())
                .isEqualTo(new Gtin("04012345444445"));
        assertThat(after.inputEpcList()).containsExactly(new Sgtin(new Gtin("04012345111118"), "987"));
        assertThat(after.outputEpcList()).containsExactly(new Sgtin(new Gtin("04012345333336"), "AGHFG"));
    }

    @Test
    void persistentDispositionExampleReceivesThenInspectsTenPacks() {
        List<EpcisEvent> events = EpcisExamples.read(PERSISTENT_DISPOSITION).events();
        assertThat(events).hasSize(2);
        List<Epc> packs = IntStream.rangeClosed(1, 10)
                .mapToObj(n -> (Epc) new Sgtin(new Gtin("09520001123467"), String.valueOf(10000001000L + n)))
                .toList();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.epcList()).isEqualTo(packs);
            assertThat(e.bizTransactions()).extracting(t -> t.type().orElseThrow().term())
                    .containsExactly(BizTransactionType.INV, BizTransactionType.PO, BizTransactionType.DESADV);
            assertThat(Gln.parse(e.sources().getFirst().id())).isEqualTo(Gln.of("9520001111112"));
            assertThat(Gln.parse(e.destinations().getFirst().id())).isEqualTo(Gln.of("9520999999990"));
            assertThat(e.sources().getFirst().type().term()).isEqualTo(SourceDestType.OWNING_PARTY);
        });
        assertThat(events.get(0).hasBizStep(BizStep.RECEIVING)).isTrue();
        assertThat(events.get(1).hasBizStep(BizStep.INSPECTING)).isTrue();
        assertThat(events.get(1).eventTime()).isEqualTo(Instant.parse("2020-06-08T18:11:16Z"));
    }

    @Test
    void objectEventWithAllFieldsKeepsLotAndErrorDeclaration() {
        EpcisEvent event = single(OBJECT_ALL_FIELDS);
        assertThat(event.action()).contains(Action.ADD);
        assertThat(event.eventId()).contains("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2005-04-05T02:33:31.116Z"));
        assertThat(event.localEventTime()).hasToString("2005-04-04T20:33:31.116-06:00");
        assertThat(event.epcList()).containsExactly(new Sgtin(GTIN_0614141_107346, "2018"));
        assertThat(event.lot()).contains("ABC123");
        assertThat(event.expiry()).isEmpty();
        assertThat(event.errorDeclaration().orElseThrow().correctiveEventIds()).containsExactly(
                "ni:///sha-256;fec9667280c4710a3fa9558b7bc8ddc2ced0dc442d87f82becae24bb6ca6a46f?ver=CBV2.0");
        assertThat(event.bizTransactions()).extracting(BizTransaction::id).containsExactly(
                "urn:epc:id:gdti:0614141.00001.1618034", "urn:epc:id:gsrn:0614141.0000010253");
        assertThat(event.sources()).extracting(s -> s.type().term()).containsExactly(
                SourceDestType.LOCATION, SourceDestType.POSSESSING_PARTY, SourceDestType.OWNING_PARTY);
        assertThat(event.destinations()).extracting(SourceDestination::id).containsExactly(
                "urn:epc:id:sgln:0614141.00777.0", "urn:epc:id:pgln:0614141.00777", "urn:epc:id:pgln:0614141.00777");
        assertThat(event.quantityList()).hasSize(1);
    }

    @Test
    void aggregationEventWithAllFields() {
        EpcisEvent event = single(AGGREGATION_ALL_FIELDS);
        assertThat(event.parentId()).contains(PALLET);
        assertThat(event.childEpcs()).hasSize(2);
        assertThat(event.readPoint()).contains("urn:epc:id:sgln:0037000.00729.8202");
        assertThat(event.errorDeclaration().orElseThrow().declarationTime())
                .isEqualTo(Instant.parse("2013-11-07T13:00:00Z"));
        assertThat(event.bizTransactions()).hasSize(2);
        assertThat(event.sources()).hasSize(3);
        assertThat(event.destinations()).hasSize(3);
        assertThat(((AggregationEventItems) event.items()).childQuantityList()).hasSize(2);
    }

    private static EpcisEvent single(String name) {
        List<EpcisEvent> events = EpcisExamples.read(name).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    private static void assertSameApartFromIdsAndGtin(EpcisEvent link, EpcisEvent urn) {
        assertThat(link.type()).isEqualTo(urn.type());
        assertThat(link.eventTime()).isEqualTo(urn.eventTime());
        assertThat(link.eventTimeZoneOffset()).isEqualTo(urn.eventTimeZoneOffset());
        assertThat(link.action()).isEqualTo(urn.action());
        assertThat(link.bizStep()).isEqualTo(urn.bizStep());
        assertThat(link.disposition()).isEqualTo(urn.disposition());
        assertThat(link.readPoint()).isEqualTo(urn.readPoint());
        assertThat(link.bizLocation()).isEqualTo(urn.bizLocation());
        assertThat(link.bizTransactions()).isEqualTo(urn.bizTransactions());
    }

    /** The URN variant's packs with the Digital Link variant's GTIN, keeping the serials. */
    private static List<Epc> reGtin(List<Epc> packs, String urnPrefix) {
        return packs.stream().map(p -> Epc.parse(urnPrefix + ((Sgtin) p).serial())).toList();
    }

    private static List<ProductClass> quantitiesAsProductClasses(EpcisEvent event) {
        return ((AggregationEventItems) event.items()).childQuantityList().stream()
                .map(q -> q.productClass().orElseThrow()).toList();
    }
}
