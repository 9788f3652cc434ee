package org.careledger.contracts.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.T0;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.pack;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.careledger.core.contract.Identity;

/**
 * "A pharmacy dispense is refused unless verify says genuine", over every combination of where a pack is, what
 * happened to it, whether its lot was recalled, whether it has expired and who tries to dispense it: the contract
 * accepts the dispense exactly when {@link Verdict#of} (what {@code GET /v1/drugs/verify} answers) is GENUINE and
 * the pack is ACTIVE at the dispensing pharmacy, and a refusal carries the code of the verdict.
 */
class DispenseNeedsGenuineTest {
    static final String EXPIRY = "2027-06-30";
    static final String CASE = "urn:epc:id:sscc:0614141.1234567890";

    /** Where the pack is when someone tries to dispense it. */
    enum Place { AT_MANUFACTURER, AT_DISTRIBUTOR, IN_TRANSIT_TO_PHARMACY, AT_PHARMACY, IN_A_CASE_AT_PHARMACY }

    /** What its holder (or the authority) did to it before. */
    enum Fate { NONE, DISPENSED, DECOMMISSIONED, DESTROYED, STOLEN }

    enum Dispenser { PHARMACY_C, PHARMACY_D, DISTRIBUTOR }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void aDispenseIsAcceptedExactlyWhenVerifySaysGenuine(@ForAll Place place, @ForAll Fate fate,
                                                        @ForAll boolean recalled, @ForAll boolean expired,
                                                        @ForAll Dispenser dispenser) {
        SupplyChainContract contract = new SupplyChainContract();
        FakeLedger ledger = new FakeLedger(T0)
                .org("acme", List.of("manufacturer"), List.of("0614141"))
                .org("wholesale", List.of("distributor"), List.of())
                .org("pharmacy-c", List.of("pharmacy"), List.of())
                .org("pharmacy-d", List.of("pharmacy"), List.of())
                .org("regulator", List.of("authority"), List.of());
        String epc = pack("1");
        ok(ledger, contract, "acme", "commission", new SupplyEventArgs(null, List.of(epc), null, null, null, "L1",
                EXPIRY, null, null));
        String holder = switch (place) {
            case AT_MANUFACTURER -> "acme";
            case AT_DISTRIBUTOR -> {
                move(ledger, contract, "acme", "wholesale", epc);
                yield "wholesale";
            }
            case IN_TRANSIT_TO_PHARMACY -> {
                ok(ledger, contract, "acme", "ship", args(List.of(epc), null, "pharmacy-c"));
                yield "acme";
            }
            case AT_PHARMACY -> {
                move(ledger, contract, "acme", "pharmacy-c", epc);
                yield "pharmacy-c";
            }
            case IN_A_CASE_AT_PHARMACY -> {
                move(ledger, contract, "acme", "pharmacy-c", epc);
                ok(ledger, contract, "pharmacy-c", "pack", args(List.of(epc), CASE, null));
                yield "pharmacy-c";
            }
        };
        boolean packed = place == Place.IN_A_CASE_AT_PHARMACY;
        switch (fate) {
            case NONE -> { }
            case DISPENSED -> {
                Assume.that(holder.equals("pharmacy-c") && place != Place.IN_TRANSIT_TO_PHARMACY);
                ok(ledger, contract, holder, "dispense", args(List.of(epc), null, null));
            }
            case DECOMMISSIONED, DESTROYED -> {
                Assume.that(place != Place.IN_TRANSIT_TO_PHARMACY && !packed);
                ok(ledger, contract, holder, fate == Fate.DESTROYED ? "destroy" : "decommission",
                        args(List.of(epc), null, null));
            }
            case STOLEN -> ok(ledger, contract, "regulator", "reportStolen", args(List.of(epc), null, null));
        }
        if (recalled) {
            ok(ledger, contract, "acme", "recallLot", new RecallLot("10614141073464", "L1", "sterility"));
        }
        if (expired) {
            ledger.at(Instant.parse("2027-07-01T00:00:00Z").toEpochMilli());
        }

        TrackedObject unit = ledger.read(ObjectIds.key(ObjectIds.parse(epc)), TrackedObject.class).orElseThrow();
        LotRecord lot = ledger.read(SupplyChainKeys.lot(unit.gtin(), unit.lot()), LotRecord.class).orElseThrow();
        Verdict verdict = Verdict.of(unit, lot, ledger.blockTimeMillis());
        String org = switch (dispenser) {
            case PHARMACY_C -> "pharmacy-c";
            case PHARMACY_D -> "pharmacy-d";
            case DISTRIBUTOR -> "wholesale";
        };
        boolean dispensable = verdict == Verdict.GENUINE && unit.status() == UnitStatus.ACTIVE
                && unit.owner().equals(org) && !org.equals("wholesale");
        FakeLedger.Result r = ledger.call(contract, ledger.admin(org), "dispense", args(List.of(epc), null, null));
        Statistics.label("verdict").collect(verdict);
        Statistics.label("dispense").collect(r.code());
        if (dispensable) {
            assertThat(r.code()).as(r.error().map(Exception::getMessage).orElse("")).isEqualTo("VALID");
            assertThat(ledger.read(unit.key(), TrackedObject.class).orElseThrow().status())
                    .isEqualTo(UnitStatus.DISPENSED);
            return;
        }
        assertThat(r.code()).as(verdict + " at " + unit.owner() + " (" + unit.status() + "), dispensed by " + org)
                .isNotEqualTo("VALID");
        if (org.equals("wholesale")) {
            assertThat(r.code()).isEqualTo("NOT_PHARMACY");
        } else {
            // a pack that does not verify GENUINE is refused with the code of its verdict, whoever holds it
            String expected = switch (verdict) {
                case GENUINE -> unit.status() == UnitStatus.IN_TRANSIT ? "UNIT_IN_TRANSIT" : "NOT_OWNER";
                case ALREADY_DISPENSED -> "ALREADY_DISPENSED";
                case DECOMMISSIONED -> unit.status() == UnitStatus.DESTROYED ? "UNIT_DESTROYED" : "UNIT_DECOMMISSIONED";
                case STOLEN -> "UNIT_STOLEN";
                case RECALLED -> "LOT_RECALLED";
                case EXPIRED -> "UNIT_EXPIRED";
                case UNKNOWN -> "UNIT_UNKNOWN";
                // label verdicts: Verdict.of never gives them
                case LOT_MISMATCH, EXPIRY_MISMATCH -> throw new AssertionError(verdict);
            };
            assertThat(r.code()).as(verdict + " at " + unit.owner() + " (" + unit.status() + ")").isEqualTo(expected);
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void aPackNeverCommissionedIsUnknownAndNeverDispensed(@ForAll Dispenser dispenser) {
        FakeLedger ledger = new FakeLedger(T0).org("pharmacy-c", List.of("pharmacy"), List.of())
                .org("pharmacy-d", List.of("pharmacy"), List.of()).org("wholesale", List.of("distributor"), List.of());
        assertThat(Verdict.of(null, null, T0)).isEqualTo(Verdict.UNKNOWN);
        String org = dispenser == Dispenser.PHARMACY_C ? "pharmacy-c"
                : dispenser == Dispenser.PHARMACY_D ? "pharmacy-d" : "wholesale";
        FakeLedger.Result r = ledger.call(new SupplyChainContract(), ledger.admin(org), "dispense",
                args(List.of(pack("404")), null, null));
        assertThat(r.code()).isEqualTo(org.equals("wholesale") ? "NOT_PHARMACY" : "UNIT_UNKNOWN");
    }

    private static SupplyEventArgs args(List<String> epcs, String container, String to) {
        return new SupplyEventArgs(null, epcs, container, to, null, null, null, null, null);
    }

    private static void move(FakeLedger ledger, SupplyChainContract contract, String from, String to, String epc) {
        ok(ledger, contract, from, "ship", args(List.of(epc), null, to));
        ok(ledger, contract, to, "receive", args(List.of(epc), null, null));
    }

    private static void ok(FakeLedger ledger, SupplyChainContract contract, String org, String method, Object args) {
        Identity who = ledger.admin(org);
        FakeLedger.Result r = ledger.call(contract, who, method, args);
        assertThat(r.error()).as(method + " by " + org + ": " + r.error().map(Exception::getMessage).orElse(""))
                .isEmpty();
    }
}
