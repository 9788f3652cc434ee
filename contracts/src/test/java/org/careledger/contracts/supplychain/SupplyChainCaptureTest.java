package org.careledger.contracts.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.CASE;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.EXPIRY;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.T0;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code capture}: each event commits or is rejected on its own; suspect rejections are kept for the authority. */
class SupplyChainCaptureTest {
    final SupplyChainContract contract = new SupplyChainContract();
    FakeLedger ledger;
    Identity acme;
    Identity wholesale;

    @BeforeEach
    void consortium() {
        ledger = new FakeLedger(T0)
                .org("acme", List.of("manufacturer"), List.of("0614141"))
                .org("wholesale", List.of("distributor"), List.of())
                .org("regulator", List.of("authority"), List.of());
        acme = ledger.admin("acme");
        wholesale = ledger.admin("wholesale");
    }

    static SupplyEventArgs event(String kind, String... epcs) {
        return new SupplyEventArgs(kind, List.of(epcs), null, null, null, null, null, null, null);
    }

    static SupplyEventArgs commission(String lot, String... epcs) {
        return new SupplyEventArgs("commission", List.of(epcs), null, null, null, lot, EXPIRY, null, null);
    }

    static SupplyEventArgs ship(String to, String... epcs) {
        return new SupplyEventArgs("ship", List.of(epcs), null, to, null, null, null, null, null);
    }

    FakeLedger.Result capture(Identity who, SupplyEventArgs... events) {
        return ledger.call(contract, who, "capture", new CaptureArgs(List.of(events)));
    }

    static JsonNode json(FakeLedger.Event e) {
        return CanonicalJson.tree(e.json());
    }

    @Test
    void validEventsCommitAndRejectedOnesAreReportedPerEvent() {
        FakeLedger.Result r = capture(acme,
                commission("L1", pack("1"), pack("2")),
                commission("L1", pack("2")),                  // cloned serial: suspect
                event("levitate", pack("1")),                  // bad input: not suspect
                ship("wholesale", pack("9")),                  // never commissioned: suspect
                ship("wholesale", pack("1")));
        assertThat(r.error()).isEmpty();
        assertThat(r.ofType("CaptureEventAccepted")).extracting(e -> json(e).get("index").asInt()).containsExactly(0, 4);
        assertThat(r.ofType("CaptureEventRejected")).extracting(e -> json(e).get("code").asText())
                .containsExactly("CLONED_SERIAL", "ARGS_INVALID", "UNIT_UNKNOWN");
        assertThat(r.ofType("CaptureEventRejected")).extracting(e -> json(e).get("suspect").asBoolean())
                .containsExactly(true, false, true);
        assertThat(r.ofType("SuspectEvent")).hasSize(2);
        JsonNode summary = json(r.ofType("CaptureSummary").getFirst());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("rejected").asInt()).isEqualTo(3);
        assertThat(summary.get("suspects").asInt()).isEqualTo(2);
        assertThat(r.events().getLast().type()).isEqualTo("CaptureSummary");

        assertThat(ledger.read(ObjectIds.key(ObjectIds.parse(pack("1"))), TrackedObject.class).orElseThrow().status())
                .isEqualTo(UnitStatus.IN_TRANSIT);
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT)).hasSize(2);
        SuspectRecord clone = ledger.read(SupplyChainKeys.suspect(r.height(), r.txId(), 1), SuspectRecord.class)
                .orElseThrow();
        assertThat(clone.code()).isEqualTo("CLONED_SERIAL");
        assertThat(clone.kind()).isEqualTo("commission");
        assertThat(clone.org()).isEqualTo("acme");
        assertThat(clone.method()).isEqualTo("capture");
        assertThat(clone.objects()).containsExactly("(01)10614141073464(21)2");
        String unknownKey = ObjectIds.key(ObjectIds.parse(pack("9")));
        assertThat(ledger.scan(SupplyChainKeys.suspectsOf(unknownKey)).values()).singleElement()
                .satisfies(b -> assertThat(CanonicalJson.decode(b, SupplyChainContract.SuspectPointer.class).suspect())
                        .isEqualTo(SupplyChainKeys.suspect(r.height(), r.txId(), 3)));
        assertThat(ledger.committed.keySet()).noneMatch(k -> k.startsWith("unit/") && k.endsWith("/9"));
    }

    @Test
    void anEventAppliesWhollyOrNotAtAll() {
        capture(acme, commission("L1", pack("1")));
        FakeLedger.Result r = capture(acme, ship("wholesale", pack("1"), pack("404")));
        assertThat(r.ofType("CaptureEventRejected")).singleElement()
                .satisfies(e -> assertThat(json(e).get("code").asText()).isEqualTo("UNIT_UNKNOWN"));
        TrackedObject one = ledger.read(ObjectIds.key(ObjectIds.parse(pack("1"))), TrackedObject.class).orElseThrow();
        assertThat(one.status()).isEqualTo(UnitStatus.ACTIVE);
        assertThat(one.eventCount()).isEqualTo(1);
    }

    @Test
    void laterEventsSeeEarlierOnesOfTheSameCapture() {
        FakeLedger.Result r = capture(acme,
                commission("L1", pack("1"), pack("2")),
                new SupplyEventArgs("pack", List.of(pack("1"), pack("2")), CASE, null, null, null, null, null, null),
                ship("wholesale", CASE));
        assertThat(r.ofType("CaptureEventAccepted")).hasSize(3);
        assertThat(r.ofType("CaptureEventAccepted").get(2)).satisfies(e -> assertThat(json(e).get("objects").asInt())
                .isEqualTo(3));
        FakeLedger.Result received = capture(wholesale, event("receive", CASE), event("receive", pack("1")));
        assertThat(received.ofType("CaptureEventAccepted")).hasSize(1);
        assertThat(received.ofType("CaptureEventRejected")).singleElement()
                .satisfies(e -> assertThat(json(e).get("code").asText()).isEqualTo("ALREADY_RECEIVED"));
    }

    @Test
    void anEventIdIsAppliedOnce() {
        SupplyEventArgs withId = new SupplyEventArgs("commission", List.of(pack("1")), null, null, null, "L1", EXPIRY,
                null, "urn:uuid:6f1c2a55-2b1e-4a8e-9b9a-000000000001");
        FakeLedger.Result r = capture(acme, withId, withId);
        assertThat(r.ofType("CaptureEventRejected")).as("a repeat inside one capture is reported, not dropped")
                .singleElement().satisfies(e -> {
                    assertThat(json(e).get("code").asText()).isEqualTo("EVENT_ID_REPEATED");
                    assertThat(json(e).get("index").asInt()).isEqualTo(1);
                    assertThat(json(e).get("suspect").asBoolean()).isFalse();
                });
        assertThat(ledger.read(SupplyChainKeys.epcisEvent(withId.eventId()), EpcisEventRecord.class).orElseThrow().txId())
                .isEqualTo(r.txId().hex());
        FakeLedger.Result again = capture(acme, withId);
        assertThat(again.ofType("CaptureEventRejected")).as("re-sent in a later capture").singleElement()
                .satisfies(e -> assertThat(json(e).get("code").asText()).isEqualTo("EVENT_DUPLICATE"));
    }

    @Test
    void aCaptureNeedsOneToAThousandEventsFromAnOrg() {
        assertThat(capture(acme).code()).isEqualTo("ARGS_INVALID");
        List<SupplyEventArgs> many = new ArrayList<>(Collections.nCopies(SupplyChainContract.MAX_EVENTS + 1,
                event("receive", pack("1"))));
        assertThat(ledger.call(contract, acme, "capture", new CaptureArgs(many)).code()).isEqualTo("ARGS_INVALID");
        Identity patient = ledger.identity("patient/p-1", Identity.Kind.PATIENT);
        assertThat(capture(patient, event("receive", pack("1"))).code()).isEqualTo("NOT_ORG_MEMBER");
    }
}
