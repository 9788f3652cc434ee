package org.careledger.contracts.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.T0;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid transition that may mean counterfeiting or diversion, through {@code capture}: rejected with its
 * code, kept as a suspect record (with a pointer from every object it named) for the authority, and the object left
 * as it was. The same event as a single-event call is refused with the same code and writes nothing. Every code of
 * {@link SupplyChainContract#SUSPECT_CODES} has a scenario here, so a new suspect code needs one too.
 */
class SuspectEventsTest {
    static final String EXPIRY = "2027-06-30";
    static final String CASE = "urn:epc:id:sscc:0614141.1234567890";
    static final String UNKNOWN_CASE = "urn:epc:id:sscc:0614141.9999999990";
    static final String RIVAL_PACK = "urn:epc:id:sgtin:4012345.011122.25";

    final SupplyChainContract contract = new SupplyChainContract();
    FakeLedger ledger;

    /** An invalid event, who sends it, the state it is sent in, and what the ledger must say. */
    record Scenario(String name, Consumer<SuspectEventsTest> setup, String actorOrg, SupplyEventArgs event,
                    String code, String namedObject) {
        @Override
        public String toString() {
            return name + " → " + code;
        }
    }

    @BeforeEach
    void consortium() {
        ledger = new FakeLedger(T0)
                .org("acme", List.of("manufacturer"), List.of("0614141"))
                .org("rival", List.of("manufacturer"), List.of("4012345"))
                .org("wholesale", List.of("distributor"), List.of())
                .org("pharmacy-c", List.of("pharmacy"), List.of())
                .org("regulator", List.of("authority"), List.of());
        // lot L1: packs 1..6; lot LR: pack 7 (recalled by some scenarios); lot OLD: pack 9, expired before T0
        ok("acme", "commission", new SupplyEventArgs(null, List.of(pack("1"), pack("2"), pack("3"), pack("4"),
                pack("5"), pack("6")), null, null, null, "L1", EXPIRY, null, null));
        ok("acme", "commission", new SupplyEventArgs(null, List.of(pack("7")), null, null, null, "LR", EXPIRY, null,
                null));
        ok("acme", "commission", new SupplyEventArgs(null, List.of(pack("9")), null, null, null, "OLD", "2025-02-28",
                null, null));
    }

    Identity who(String org) {
        return ledger.admin(org);
    }

    void ok(String org, String method, Object args) {
        FakeLedger.Result r = ledger.call(contract, who(org), method, args);
        assertThat(r.error()).as(method + " by " + org).isEmpty();
    }

    static SupplyEventArgs event(String kind, String... epcs) {
        return new SupplyEventArgs(kind, List.of(epcs), null, null, null, null, null, null, null);
    }

    static SupplyEventArgs ship(String to, String... epcs) {
        return new SupplyEventArgs("ship", List.of(epcs), null, to, null, null, null, null, null);
    }

    static SupplyEventArgs commission(String lot, String... epcs) {
        return new SupplyEventArgs("commission", List.of(epcs), null, null, null, lot, EXPIRY, null, null);
    }

    /** The same event without its kind, as the single-event method takes it. */
    static SupplyEventArgs single(SupplyEventArgs e) {
        return new SupplyEventArgs(null, e.epcs(), e.container(), e.to(), e.location(), e.lot(), e.expiry(),
                e.reason(), e.eventId());
    }

    void deliver(String to, String... epcs) {
        ok("acme", "ship", single(ship(to, epcs)));
        ok(to, "receive", single(event("receive", epcs)));
    }

    void recallLr() {
        ok("acme", "recallLot", new RecallLot("10614141073464", "LR", "sterility not assured"));
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("ship a pack never commissioned", t -> { }, "acme", ship("wholesale", pack("99")),
                        "UNIT_UNKNOWN", pack("99")),
                new Scenario("unpack a case never packed", t -> { }, "acme",
                        new SupplyEventArgs("unpack", List.of(), UNKNOWN_CASE, null, null, null, null, null, null),
                        "CONTAINER_UNKNOWN", UNKNOWN_CASE),
                new Scenario("commission a serial again", t -> { }, "acme", commission("L1", pack("1")),
                        "CLONED_SERIAL", pack("1")),
                new Scenario("commission under another's prefix", t -> { }, "acme", commission("L1", RIVAL_PACK),
                        "PREFIX_NOT_OWNED", RIVAL_PACK),
                new Scenario("a distributor commissions", t -> { }, "wholesale", commission("L1", pack("50")),
                        "NOT_MANUFACTURER", pack("50")),
                new Scenario("a distributor dispenses", t -> t.deliver("wholesale", pack("1")), "wholesale",
                        event("dispense", pack("1")), "NOT_PHARMACY", pack("1")),
                new Scenario("ship what you do not own", t -> { }, "wholesale", ship("pharmacy-c", pack("1")),
                        "NOT_OWNER", pack("1")),
                new Scenario("dispense what another pharmacy holds", t -> t.deliver("wholesale", pack("1")),
                        "pharmacy-c", event("dispense", pack("1")), "NOT_OWNER", pack("1")),
                new Scenario("receive what was never shipped", t -> { }, "pharmacy-c", event("receive", pack("1")),
                        "NOT_SHIPPED_TO_YOU", pack("1")),
                new Scenario("receive what was shipped to another", t -> t.ok("acme", "ship",
                        single(ship("wholesale", pack("1")))), "pharmacy-c", event("receive", pack("1")),
                        "NOT_SHIPPED_TO_YOU", pack("1")),
                // a label that no genuine pack carries, in every identifier form (pack 1: GTIN 10614141073464,
                // lot L1, expiry 2027-06-30)
                new Scenario("dispense a pack labelled with another lot (element string)",
                        t -> t.deliver("pharmacy-c", pack("1")), "pharmacy-c",
                        event("dispense", "(01)10614141073464(17)270630(10)WRONG(21)1"), "LOT_MISMATCH", pack("1")),
                new Scenario("dispense a pack labelled with another lot (Digital Link path)",
                        t -> t.deliver("pharmacy-c", pack("1")), "pharmacy-c",
                        event("dispense", "https://id.gs1.org/01/10614141073464/10/WRONG/21/1"), "LOT_MISMATCH",
                        pack("1")),
                new Scenario("ship a pack labelled with another lot (URN + lot field)", t -> { }, "acme",
                        new SupplyEventArgs("ship", List.of(pack("1")), null, "wholesale", null, "WRONG", null, null,
                                null), "LOT_MISMATCH", pack("1")),
                new Scenario("dispense a pack labelled with another expiry (Digital Link query)",
                        t -> t.deliver("pharmacy-c", pack("1")), "pharmacy-c",
                        event("dispense", "https://id.gs1.org/01/10614141073464/21/1?17=290531"), "EXPIRY_MISMATCH",
                        pack("1")),
                new Scenario("dispense a pack labelled with another expiry (element string, scanned)",
                        t -> t.deliver("pharmacy-c", pack("1")), "pharmacy-c",
                        event("dispense", "]d201" + "10614141073464" + "17" + "290531" + "21" + "1"),
                        "EXPIRY_MISMATCH", pack("1")),
                new Scenario("receive a pack labelled with another expiry (URN + expiry field)",
                        t -> t.ok("acme", "ship", single(ship("wholesale", pack("1")))), "wholesale",
                        new SupplyEventArgs("receive", List.of(pack("1")), null, null, null, null, "2029-05-31", null,
                                null), "EXPIRY_MISMATCH", pack("1")),
                new Scenario("dispense twice", t -> {
                    t.deliver("pharmacy-c", pack("1"));
                    t.ok("pharmacy-c", "dispense", single(event("dispense", pack("1"))));
                }, "pharmacy-c", event("dispense", pack("1")), "ALREADY_DISPENSED", pack("1")),
                new Scenario("ship a dispensed pack", t -> {
                    t.deliver("pharmacy-c", pack("1"));
                    t.ok("pharmacy-c", "dispense", single(event("dispense", pack("1"))));
                }, "pharmacy-c", ship("wholesale", pack("1")), "ALREADY_DISPENSED", pack("1")),
                new Scenario("commission into a recalled lot", SuspectEventsTest::recallLr, "acme",
                        commission("LR", pack("8")), "LOT_RECALLED", pack("8")),
                new Scenario("pack a recalled pack", SuspectEventsTest::recallLr, "acme",
                        new SupplyEventArgs("pack", List.of(pack("7")), CASE, null, null, null, null, null, null),
                        "LOT_RECALLED", pack("7")),
                new Scenario("ship a recalled pack", SuspectEventsTest::recallLr, "acme", ship("wholesale", pack("7")),
                        "LOT_RECALLED", pack("7")),
                new Scenario("dispense a recalled pack", t -> {
                    t.deliver("pharmacy-c", pack("7"));
                    t.recallLr();
                }, "pharmacy-c", event("dispense", pack("7")), "LOT_RECALLED", pack("7")),
                new Scenario("ship a stolen pack", t -> t.ok("acme", "reportStolen", single(event("x", pack("2")))),
                        "acme", ship("wholesale", pack("2")), "UNIT_STOLEN", pack("2")),
                new Scenario("dispense a stolen pack", t -> {
                    t.deliver("pharmacy-c", pack("2"));
                    t.ok("regulator", "reportStolen", single(event("x", pack("2"))));
                }, "pharmacy-c", event("dispense", pack("2")), "UNIT_STOLEN", pack("2")),
                new Scenario("ship a decommissioned pack", t -> t.ok("acme", "decommission",
                        single(event("x", pack("2")))), "acme", ship("wholesale", pack("2")), "UNIT_DECOMMISSIONED",
                        pack("2")),
                new Scenario("dispense a destroyed pack", t -> {
                    t.deliver("pharmacy-c", pack("2"));
                    t.ok("pharmacy-c", "destroy", single(event("x", pack("2"))));
                }, "pharmacy-c", event("dispense", pack("2")), "UNIT_DESTROYED", pack("2")),
                new Scenario("dispense an expired pack", t -> t.deliver("pharmacy-c", pack("9")), "pharmacy-c",
                        event("dispense", pack("9")), "UNIT_EXPIRED", pack("9")),
                new Scenario("ship a pack already on its way", t -> t.ok("acme", "ship",
                        single(ship("wholesale", pack("3")))), "acme", ship("pharmacy-c", pack("3")),
                        "UNIT_IN_TRANSIT", pack("3")),
                new Scenario("dispense a pack still in transit", t -> t.ok("acme", "ship",
                        single(ship("pharmacy-c", pack("3")))), "pharmacy-c", event("dispense", pack("3")),
                        "UNIT_IN_TRANSIT", pack("3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void anInvalidTransitionIsRejectedWithItsCodeAndKeptAsSuspect(Scenario s) {
        s.setup().accept(this);
        String key = ObjectIds.key(ObjectIds.parse(s.namedObject()));
        Optional<byte[]> before = Optional.ofNullable(ledger.committed.get(key));

        // as a single-event call: refused with the code; nothing of the event is written, only its suspect record
        var snapshot = new java.util.TreeMap<>(ledger.committed);
        FakeLedger.Result refused = ledger.call(contract, who(s.actorOrg()), s.event().kind(), single(s.event()));
        assertThat(refused.code()).as(refused.error().map(Exception::getMessage).orElse("accepted")).isEqualTo(s.code());
        var added = new java.util.TreeSet<>(ledger.committed.keySet());
        added.removeAll(snapshot.keySet());
        assertThat(added).as("keys the refusal left").isNotEmpty()
                .allMatch(k -> k.startsWith(SupplyChainKeys.suspect(refused.height(), refused.txId(), 0))
                        || k.contains("suspect"));
        snapshot.forEach((k, v) -> assertThat(ledger.committed.get(k)).as("unchanged " + k).isEqualTo(v));
        SuspectRecord single = ledger.read(SupplyChainKeys.suspect(refused.height(), refused.txId(), 0),
                SuspectRecord.class).orElseThrow(() -> new AssertionError("no suspect record for single " + s));
        assertThat(single.code()).isEqualTo(s.code());
        assertThat(single.method()).isEqualTo(s.event().kind());
        assertThat(refused.ofType("SuspectEvent")).hasSize(1);

        // in a capture, after a valid event of the same signer: the valid one commits, the invalid one is suspect
        SupplyEventArgs valid = validEventOf(s.actorOrg());
        FakeLedger.Result r = ledger.call(contract, who(s.actorOrg()), "capture", new CaptureArgs(List.of(valid,
                s.event())));
        assertThat(r.error()).isEmpty();
        assertThat(r.ofType("CaptureEventAccepted")).as("the valid event of the capture").hasSize(1);
        JsonNode rejected = CanonicalJson.tree(r.ofType("CaptureEventRejected").getFirst().json());
        assertThat(rejected.get("index").asInt()).isEqualTo(1);
        assertThat(rejected.get("code").asText()).as(rejected.get("message").asText()).isEqualTo(s.code());
        assertThat(rejected.get("suspect").asBoolean()).isTrue();
        assertThat(rejected.get("message").asText()).isNotBlank();

        SuspectRecord suspect = ledger.read(SupplyChainKeys.suspect(r.height(), r.txId(), 1), SuspectRecord.class)
                .orElseThrow(() -> new AssertionError("no suspect record for " + s));
        assertThat(suspect.code()).isEqualTo(s.code());
        assertThat(suspect.org()).isEqualTo(s.actorOrg());
        assertThat(suspect.signer()).isEqualTo(s.actorOrg() + "/admin");
        assertThat(suspect.method()).isEqualTo("capture");
        assertThat(suspect.kind()).isEqualTo(s.event().kind());
        assertThat(suspect.height()).isEqualTo(r.height());
        assertThat(suspect.txId()).isEqualTo(r.txId().hex());
        assertThat(suspect.objects()).contains(ObjectIds.label(ObjectIds.parse(s.namedObject())));
        assertThat(r.ofType("SuspectEvent")).singleElement()
                .satisfies(e -> assertThat(CanonicalJson.decode(e.json(), SuspectRecord.class)).isEqualTo(suspect));
        assertThat(ledger.scan(SupplyChainKeys.suspectsOf(key)).values()).anySatisfy(b -> assertThat(
                CanonicalJson.decode(b, SupplyChainContract.SuspectPointer.class).suspect())
                .isEqualTo(SupplyChainKeys.suspect(r.height(), r.txId(), 1)));
        assertThat(Optional.ofNullable(ledger.committed.get(key)).map(HexFormat.of()::formatHex))
                .as("the named object is unchanged").isEqualTo(before.map(HexFormat.of()::formatHex));
    }

    /** Something each org can always do here, so a capture has a valid event beside the invalid one. */
    SupplyEventArgs validEventOf(String org) {
        return switch (org) {
            case "acme" -> commission("L1", pack("100"));
            default -> {
                // a pack delivered to the org just now, packed into a fresh case of its own
                long n = ledger.blockHeight();
                String serial = "V" + n;
                ok("acme", "commission", new SupplyEventArgs(null, List.of(pack(serial)), null, null, null, "L1",
                        EXPIRY, null, null));
                deliver(org, pack(serial));
                yield new SupplyEventArgs("pack", List.of(pack(serial)), "urn:epc:id:sscc:0614141."
                        + (5_000_000_000L + n), null, null, null, null, null, null);
            }
        };
    }

    @Test
    void everySuspectCodeHasAScenario() {
        TreeSet<String> covered = new TreeSet<>();
        scenarios().forEach(s -> covered.add(s.code()));
        assertThat(covered).isEqualTo(new TreeSet<>(SupplyChainContract.SUSPECT_CODES));
    }

    @Test
    void ordinaryMistakesAreRejectedButNotSuspect() {
        ok("acme", "pack", new SupplyEventArgs(null, List.of(pack("4")), CASE, null, null, null, null, null, null));
        ok("acme", "ship", single(ship("wholesale", pack("5"))));
        String eventId = "urn:uuid:6f1c2a55-2b1e-4a8e-9b9a-0000000000aa";
        List<SupplyEventArgs> events = List.of(
                ship("acme", pack("1")),                                          // SELF_SHIPMENT
                ship("nobody", pack("1")),                                        // RECEIVER_UNKNOWN
                ship(null, pack("1")),                                            // RECEIVER_REQUIRED
                ship("wholesale", pack("4")),                                     // UNIT_PACKED
                new SupplyEventArgs("commission", List.of(pack("60")), null, null, null, null, EXPIRY, null, null),
                commission("L1", CASE),                                           // COMMISSION_NOT_SGTIN
                event("ship", "urn:epc:id:giai:4000001.111"),                     // EPC_UNSUPPORTED
                event("teleport", pack("1")),                                     // ARGS_INVALID
                new SupplyEventArgs("commission", List.of(pack("61")), null, null, null, "L1", EXPIRY, null, eventId),
                new SupplyEventArgs("commission", List.of(pack("62")), null, null, null, "L1", EXPIRY, null, eventId),
                event("receive", pack("5")),                                      // NOT_APPLIED: wholesale's half
                event("receive", pack("2")),                                      // ALREADY_RECEIVED: acme holds it
                new SupplyEventArgs("dispense", List.of(pack("2")), null, null, null, null, "27-06-30", null,
                        null));                                                   // EXPIRY_INVALID
        FakeLedger.Result r = ledger.call(contract, who("acme"), "capture", new CaptureArgs(events));
        assertThat(r.error()).isEmpty();
        List<String> codes = new ArrayList<>();
        r.ofType("CaptureEventRejected").forEach(e -> {
            JsonNode n = CanonicalJson.tree(e.json());
            codes.add(n.get("code").asText());
            assertThat(n.get("suspect").asBoolean()).as(n.get("code").asText()).isFalse();
        });
        assertThat(codes).containsExactly("SELF_SHIPMENT", "RECEIVER_UNKNOWN", "RECEIVER_REQUIRED", "UNIT_PACKED",
                "LOT_REQUIRED", "COMMISSION_NOT_SGTIN", "EPC_UNSUPPORTED", "ARGS_INVALID",
                "EVENT_ID_REPEATED", "NOT_APPLIED", "ALREADY_RECEIVED", "EXPIRY_INVALID");
        assertThat(r.ofType("CaptureEventAccepted")).hasSize(1);
        assertThat(r.ofType("SuspectEvent")).isEmpty();
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT)).isEmpty();
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT_BY_OBJECT)).isEmpty();
    }
}
