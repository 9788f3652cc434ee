package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.careledger.epcis.gs1.Gln;
import org.careledger.epcis.gs1.PackLabel;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;
import org.junit.jupiter.api.Test;

/**
 * A medicine's life as the issue describes it: packs are commissioned with lot and expiry, packed into a case,
 * shipped, received, unpacked and dispensed after the pharmacy verified the pack's barcode; one damaged pack is
 * decommissioned. Vocabulary is spelled three ways and identifiers in both URN and Digital Link form on purpose.
 */
class DrugSupplyChainTest {
    private static final String DOCUMENT = """
            {
              "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
              "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-07-10T12:00:00Z",
              "epcisBody": { "eventList": [
                { "type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000001",
                  "eventTime": "2024-07-01T08:00:00+02:00", "eventTimeZoneOffset": "+02:00", "action": "ADD",
                  "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018",
                              "urn:epc:id:sgtin:0614141.107346.2019"],
                  "bizStep": "commissioning", "disposition": "active",
                  "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.0"},
                  "ilmd": {"cbvmda:lotNumber": "LOT-2024-07", "cbvmda:itemExpirationDate": "2027-06-30"} },
                { "type": "AggregationEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000002",
                  "eventTime": "2024-07-01T09:00:00+02:00", "eventTimeZoneOffset": "+02:00", "action": "ADD",
                  "parentID": "https://id.gs1.org/00/106141412345678908",
                  "childEPCs": ["https://id.gs1.org/01/10614141073464/21/2017",
                                "https://id.gs1.org/01/10614141073464/21/2018",
                                "https://id.gs1.org/01/10614141073464/21/2019"],
                  "bizStep": "urn:epcglobal:cbv:bizstep:packing", "disposition": "urn:epcglobal:cbv:disp:in_progress" },
                { "type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000003",
                  "eventTime": "2024-07-02T07:30:00+02:00", "eventTimeZoneOffset": "+02:00", "action": "OBSERVE",
                  "epcList": ["urn:epc:id:sscc:0614141.1234567890"],
                  "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping", "disposition": "in_transit",
                  "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:9520001111112:PO-77"}],
                  "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:0614141.00001"}],
                  "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:9520001.11111"}] },
                { "type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000004",
                  "eventTime": "2024-07-03T10:15:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "OBSERVE",
                  "epcList": ["https://id.gs1.org/00/106141412345678908"],
                  "bizStep": "receiving", "disposition": "in_progress",
                  "bizLocation": {"id": "urn:epc:id:sgln:9520001.11111.0"} },
                { "type": "AggregationEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000005",
                  "eventTime": "2024-07-03T10:20:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "DELETE",
                  "parentID": "urn:epc:id:sscc:0614141.1234567890", "bizStep": "unpacking" },
                { "type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000006",
                  "eventTime": "2024-07-09T16:45:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "OBSERVE",
                  "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
                  "bizStep": "dispensing", "disposition": "dispensed" },
                { "type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000007",
                  "eventTime": "2024-07-09T17:00:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "DELETE",
                  "epcList": ["https://id.gs1.org/01/10614141073464/21/2019"],
                  "bizStep": "decommissioning", "disposition": "damaged" }
              ] }
            }
            """;

    private final List<EpcisEvent> events = new EpcisDocumentReader().read(DOCUMENT).events();

    @Test
    void everyStepIsReadWithItsNormalizedBizStep() {
        assertThat(events).extracting(e -> e.bizStep().orElseThrow().term()).containsExactly(
                BizStep.COMMISSIONING, BizStep.PACKING, BizStep.SHIPPING, BizStep.RECEIVING, BizStep.UNPACKING,
                BizStep.DISPENSING, BizStep.DECOMMISSIONING);
        assertThat(events).extracting(e -> e.action().orElseThrow()).containsExactly(
                Action.ADD, Action.ADD, Action.OBSERVE, Action.OBSERVE, Action.DELETE, Action.OBSERVE, Action.DELETE);
        assertThat(events).extracting(EpcisEvent::eventTime).isSorted();
        assertThat(events.get(3).eventTime()).isEqualTo(Instant.parse("2024-07-03T09:15:00Z"));
    }

    @Test
    void urnAndDigitalLinkNameTheSamePacksAndCase() {
        EpcisEvent commissioning = events.get(0);
        EpcisEvent packing = events.get(1);
        assertThat(packing.childEpcs()).isEqualTo(commissioning.epcList());
        Sscc theCase = (Sscc) packing.parentId().orElseThrow();
        assertThat(events.get(2).epcList()).containsExactly(theCase);
        assertThat(events.get(3).epcList()).containsExactly(theCase);
        assertThat(events.get(4).parentId()).contains(theCase);
        assertThat(events.get(6).epcList()).containsExactly(commissioning.epcList().get(2));
    }

    @Test
    void shipmentNamesSellerAndBuyerByGln() {
        EpcisEvent shipping = events.get(2);
        assertThat(Gln.parse(shipping.sources().getFirst().id())).isEqualTo(Gln.of("0614141000012"));
        assertThat(Gln.parse(shipping.destinations().getFirst().id())).isEqualTo(Gln.of("9520001111112"));
        assertThat(shipping.disposition()).contains(CbvValue.of(Disposition.IN_TRANSIT));
    }

    @Test
    void pharmacyVerificationMatchesTheScannedPackAgainstCommissioning() {
        PackLabel scanned = PackLabel.parse("]d2011061414107346417270630" + "10LOT-2024-07\u001D212017");
        EpcisEvent commissioning = events.stream().filter(e -> e.hasBizStep(BizStep.COMMISSIONING)).findFirst()
                .orElseThrow();
        assertThat(commissioning.epcList()).contains(scanned.sgtin());
        assertThat(scanned.lot()).isEqualTo(commissioning.lot()).contains("LOT-2024-07");
        assertThat(scanned.expiry()).isEqualTo(commissioning.expiry()).contains(LocalDate.of(2027, 6, 30));

        PackLabel counterfeit = PackLabel.parse("(01)10614141073464(17)270630(10)LOT-2024-07(21)9999");
        assertThat(commissioning.epcList()).doesNotContain(counterfeit.sgtin());
        assertThat(events.stream().filter(e -> e.hasBizStep(BizStep.DISPENSING)).flatMap(e -> e.epcList().stream()))
                .containsExactly(new Sgtin(scanned.sgtin().gtin(), "2017"));
    }

    @Test
    void theWholeJourneySurvivesExport() {
        EpcisWriter writer = new EpcisWriter();
        String exported = writer.writeDocument(events, Instant.parse("2024-07-10T12:00:00Z"));
        assertThat(new EpcisDocumentReader().read(exported).events()).isEqualTo(events);
        assertThat(exported).contains("\"bizStep\":\"packing\"").doesNotContain("urn:epcglobal:cbv:bizstep");
    }
}
