package org.careledger.contracts.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every transition of the single-event methods, valid and invalid, with its code. */
class SupplyChainContractTest {
    static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    static final String EXPIRY = "2027-06-30";
    static final String CASE = "urn:epc:id:sscc:0614141.1234567890";
    static final String PALLET = "urn:epc:id:sscc:0614141.2000000001";

    final SupplyChainContract contract = new SupplyChainContract();
    FakeLedger ledger;
    Identity acme;
    Identity wholesale;
    Identity pharmacy;
    Identity otherPharmacy;
    Identity regulator;

    @BeforeEach
    void consortium() {
        ledger = new FakeLedger(T0)
                .org("acme", List.of("manufacturer"), List.of("0614141"))
                .org("rival", List.of("manufacturer"), List.of("4012345"))
                .org("wholesale", List.of("distributor"), List.of())
                .org("pharmacy-c", List.of("pharmacy"), List.of())
                .org("pharmacy-d", List.of("pharmacy"), List.of())
                .org("regulator", List.of("authority"), List.of());
        acme = ledger.identity("acme/line-1", Identity.Kind.MEMBER);
        wholesale = ledger.identity("wholesale/warehouse", Identity.Kind.MEMBER);
        pharmacy = ledger.identity("pharmacy-c/pharmacist", Identity.Kind.MEMBER);
        otherPharmacy = ledger.admin("pharmacy-d");
        regulator = ledger.admin("regulator");
    }

    static String pack(String serial) {
        return "urn:epc:id:sgtin:0614141.107346." + serial;
    }

    static SupplyEventArgs objects(String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), null, null, null, null, null, null, null);
    }

    static SupplyEventArgs commissionArgs(String lot, String expiry, String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), null, null, null, lot, expiry, null, null);
    }

    static SupplyEventArgs shipArgs(String to, String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), null, to, null, null, null, null, null);
    }

    static SupplyEventArgs packArgs(String container, String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), container, null, null, null, null, null, null);
    }

    FakeLedger.Result call(Identity who, String method, Object args) {
        return ledger.call(contract, who, method, args);
    }

    void ok(Identity who, String method, Object args) {
        FakeLedger.Result r = call(who, method, args);
        assertThat(r.error()).as(method + " by " + who.id()).isEmpty();
    }

    /** Refused with {@code code}: nothing changes but, for a suspect code, the one suspect record of the refusal. */
    void refused(String code, Identity who, String method, Object args) {
        java.util.TreeMap<String, byte[]> before = new java.util.TreeMap<>(ledger.committed);
        FakeLedger.Result r = call(who, method, args);
        assertThat(r.code()).as(method + " by " + who.id() + ": " + r.error().map(Exception::getMessage).orElse(""))
                .isEqualTo(code);
        assertThat(r.error().orElseThrow().getMessage()).isNotBlank();
        java.util.TreeMap<String, byte[]> after = new java.util.TreeMap<>(ledger.committed);
        String record = SupplyChainKeys.suspect(r.height(), r.txId(), 0);
        boolean suspect = SupplyChainContract.SUSPECT_CODES.contains(code);
        assertThat(after.containsKey(record)).as("suspect record of the refusal").isEqualTo(suspect);
        after.keySet().removeIf(k -> !before.containsKey(k) && (k.equals(record)
                || k.startsWith(SupplyChainKeys.SUSPECT_BY_OBJECT) && k.contains(r.txId().hex())));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
    }

    TrackedObject object(String epc) {
        return ledger.read(ObjectIds.key(ObjectIds.parse(epc)), TrackedObject.class).orElseThrow();
    }

    List<CustodyEvent> history(String epc) {
        return ledger.scan(SupplyChainKeys.eventsPrefix(ObjectIds.key(ObjectIds.parse(epc)))).values().stream()
                .map(b -> CanonicalJson.decode(b, CustodyEvent.class)).toList();
    }

    void commission(String lot, String... serials) {
        ok(acme, "commission", commissionArgs(lot, EXPIRY, java.util.Arrays.stream(serials)
                .map(SupplyChainContractTest::pack).toArray(String[]::new)));
    }

    /** acme commissions serials 1..4 of lot L1, packs 1 and 2 into CASE. */
    void stock() {
        commission("L1", "1", "2", "3", "4");
        ok(acme, "pack", packArgs(CASE, pack("1"), pack("2")));
    }

    @Nested
    class Commissioning {
        @Test
        void createsActivePacksOwnedByTheManufacturerWithLotAndExpiry() {
            FakeLedger.Result r = call(acme, "commission", commissionArgs("L1", EXPIRY, pack("1"),
                    "(01)10614141073464(21)2", "https://id.gs1.org/01/10614141073464/21/3"));
            assertThat(r.error()).isEmpty();
            TrackedObject unit = object(pack("2"));
            assertThat(unit.status()).isEqualTo(UnitStatus.ACTIVE);
            assertThat(unit.owner()).isEqualTo("acme");
            assertThat(unit.location()).isEqualTo("acme");
            assertThat(unit.gtin()).isEqualTo("10614141073464");
            assertThat(unit.lot()).isEqualTo("L1");
            assertThat(unit.expiry()).isEqualTo(EXPIRY);
            assertThat(unit.eventCount()).isEqualTo(1);
            assertThat(unit.lastTxId()).isEqualTo(r.txId().hex());
            assertThat(history(pack("2"))).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.COMMISSION);
                assertThat(e.txId()).isEqualTo(r.txId().hex());
                assertThat(e.timeMillis()).isEqualTo(T0);
                assertThat(e.signer()).isEqualTo("acme/line-1");
                assertThat(e.eventIndex()).isEqualTo(-1);
            });
            LotRecord lot = ledger.read(SupplyChainKeys.lot("10614141073464", "L1"), LotRecord.class).orElseThrow();
            assertThat(lot.units()).isEqualTo(3);
            assertThat(lot.manufacturer()).isEqualTo("acme");
            assertThat(r.ofType("Commissioned")).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("\"changed\":3", "\"lot\":\"L1\""));
        }

        @Test
        void aSerialCommissionedTwiceIsAClone() {
            commission("L1", "1");
            refused("CLONED_SERIAL", acme, "commission", commissionArgs("L1", EXPIRY, pack("1")));
            refused("CLONED_SERIAL", acme, "commission", commissionArgs("L1", EXPIRY, "(01)10614141073464(21)1"));
        }

        @Test
        void onlyManufacturersCommissionAndOnlyUnderTheirOwnPrefix() {
            refused("NOT_MANUFACTURER", wholesale, "commission", commissionArgs("L1", EXPIRY, pack("1")));
            refused("PREFIX_NOT_OWNED", acme, "commission",
                    commissionArgs("L1", EXPIRY, "urn:epc:id:sgtin:4012345.011122.25"));
            refused("PREFIX_NOT_OWNED", acme, "commission",
                    commissionArgs("L1", EXPIRY, "urn:epc:id:sgtin:9520001.012346.1"));
            ok(ledger.admin("rival"), "commission", commissionArgs("L1", EXPIRY, "urn:epc:id:sgtin:4012345.011122.25"));
        }

        @Test
        void lotAndExpiryAreRequiredAndChecked() {
            refused("LOT_REQUIRED", acme, "commission", commissionArgs(null, EXPIRY, pack("1")));
            refused("LOT_INVALID", acme, "commission", commissionArgs("L 1", EXPIRY, pack("1")));
            refused("LOT_INVALID", acme, "commission", commissionArgs("L".repeat(21), EXPIRY, pack("1")));
            refused("EXPIRY_REQUIRED", acme, "commission", commissionArgs("L1", null, pack("1")));
            refused("EXPIRY_INVALID", acme, "commission", commissionArgs("L1", "2027-13-01", pack("1")));
            refused("EXPIRY_INVALID", acme, "commission", commissionArgs("L1", "30.06.2027", pack("1")));
            commission("L1", "1");
            refused("LOT_EXPIRY_MISMATCH", acme, "commission", commissionArgs("L1", "2028-01-31", pack("2")));
        }

        @Test
        void identifiersMustBeWellFormedPacksListedOnce() {
            refused("COMMISSION_NOT_SGTIN", acme, "commission", commissionArgs("L1", EXPIRY, CASE));
            refused("ARGS_INVALID", acme, "commission", commissionArgs("L1", EXPIRY, pack("1"),
                    "https://id.gs1.org/01/10614141073464/21/1"));
            refused("ARGS_INVALID", acme, "commission", commissionArgs("L1", EXPIRY));
            refused("GS1_BAD_CHECK_DIGIT", acme, "commission",
                    commissionArgs("L1", EXPIRY, "https://id.gs1.org/01/10614141073465/21/1"));
            refused("EPC_UNSUPPORTED", acme, "commission", commissionArgs("L1", EXPIRY, "urn:epc:id:giai:4000001.111"));
            assertThat(ledger.callRaw(contract, acme, "commission", "[1,".getBytes()).code()).isEqualTo("ARGS_INVALID");
        }

        @Test
        void patientsAndNodesCannotAct() {
            Identity patient = ledger.identity("patient/p-1", Identity.Kind.PATIENT);
            Identity node = ledger.identity("acme/node", Identity.Kind.NODE);
            refused("NOT_ORG_MEMBER", patient, "commission", commissionArgs("L1", EXPIRY, pack("1")));
            refused("NOT_ORG_MEMBER", node, "commission", commissionArgs("L1", EXPIRY, pack("1")));
            refused("METHOD_UNKNOWN", acme, "teleport", objects(pack("1")));
        }

        @Test
        void aRecalledLotTakesNoMorePacks() {
            commission("L1", "1");
            ok(acme, "recallLot", new RecallLot("10614141073464", "L1", "sterility"));
            refused("LOT_RECALLED", acme, "commission", commissionArgs("L1", EXPIRY, pack("2")));
        }
    }

    @Nested
    class Packing {
        @Test
        void packsGoIntoACaseAndComeOutAgain() {
            stock();
            TrackedObject theCase = object(CASE);
            assertThat(theCase.kind()).isEqualTo(ObjectKind.SSCC);
            assertThat(theCase.owner()).isEqualTo("acme");
            assertThat(theCase.children()).containsExactly(object(pack("1")).key(), object(pack("2")).key());
            assertThat(object(pack("1")).container()).isEqualTo(theCase.key());
            assertThat(history(pack("1"))).extracting(CustodyEvent::kind)
                    .containsExactly(EventKind.COMMISSION, EventKind.PACK);

            ok(acme, "unpack", packArgs(CASE, pack("1")));
            assertThat(object(pack("1")).container()).isNull();
            assertThat(object(CASE).children()).containsExactly(object(pack("2")).key());
            ok(acme, "unpack", packArgs(CASE));
            assertThat(object(CASE).children()).isEmpty();
            assertThat(object(pack("2")).container()).isNull();
        }

        @Test
        void invalidPacking() {
            stock();
            refused("CONTAINER_REQUIRED", acme, "pack", objects(pack("3")));
            refused("CONTAINER_NOT_SSCC", acme, "pack", packArgs(pack("4"), pack("3")));
            refused("ALREADY_PACKED", acme, "pack", packArgs(PALLET, pack("1")));
            refused("UNIT_UNKNOWN", acme, "pack", packArgs(CASE, pack("99")));
            refused("CONTAINER_UNKNOWN", acme, "pack", packArgs(PALLET, "urn:epc:id:sscc:0614141.3000000001"));
            refused("NOT_OWNER", wholesale, "pack", packArgs("urn:epc:id:sscc:0614141.3000000001", pack("3")));
            refused("NOT_OWNER", wholesale, "pack", packArgs(CASE, pack("3")));
            refused("CONTAINER_CYCLE", acme, "pack", packArgs(CASE, CASE));
            ok(acme, "pack", packArgs(PALLET, CASE));
            assertThat(object(CASE).container()).isEqualTo(object(PALLET).key());
            refused("CONTAINER_CYCLE", acme, "pack", packArgs(CASE, PALLET));
            ok(acme, "recallLot", new RecallLot("10614141073464", "L1", null));
            refused("LOT_RECALLED", acme, "pack", packArgs("urn:epc:id:sscc:0614141.3000000001", pack("3")));
        }

        @Test
        void invalidUnpacking() {
            stock();
            refused("NOT_IN_CONTAINER", acme, "unpack", packArgs(CASE, pack("3")));
            refused("CONTAINER_UNKNOWN", acme, "unpack", packArgs(PALLET));
            refused("NOT_OWNER", wholesale, "unpack", packArgs(CASE));
            ok(acme, "ship", shipArgs("wholesale", CASE));
            refused("UNIT_IN_TRANSIT", acme, "unpack", packArgs(CASE));
            refused("UNIT_IN_TRANSIT", acme, "pack", packArgs(PALLET, CASE));
        }
    }

    @Nested
    class ShippingAndReceiving {
        @Test
        void custodyChangesOnlyWhenTheReceiverSigns() {
            stock();
            ok(acme, "ship", shipArgs("wholesale", CASE, pack("3")));
            for (String epc : List.of(CASE, pack("1"), pack("2"), pack("3"))) {
                TrackedObject o = object(epc);
                assertThat(o.status()).as(epc).isEqualTo(UnitStatus.IN_TRANSIT);
                assertThat(o.owner()).isEqualTo("acme");
                assertThat(o.shippedTo()).isEqualTo("wholesale");
                assertThat(o.shippedFrom()).isEqualTo("acme");
            }
            assertThat(object(pack("4")).status()).isEqualTo(UnitStatus.ACTIVE);

            ok(wholesale, "receive", new SupplyEventArgs(null, List.of(CASE, pack("3")), null, null,
                    "urn:epc:id:sgln:9520001.11111.0", null, null, null, null));
            for (String epc : List.of(CASE, pack("1"), pack("2"), pack("3"))) {
                TrackedObject o = object(epc);
                assertThat(o.status()).isEqualTo(UnitStatus.ACTIVE);
                assertThat(o.owner()).isEqualTo("wholesale");
                assertThat(o.shippedTo()).isNull();
                assertThat(o.location()).isEqualTo("urn:epc:id:sgln:9520001.11111.0");
            }
            assertThat(object(pack("1")).container()).isEqualTo(object(CASE).key());
            assertThat(history(pack("1"))).extracting(CustodyEvent::kind).containsExactly(
                    EventKind.COMMISSION, EventKind.PACK, EventKind.SHIP, EventKind.RECEIVE);
            assertThat(history(pack("1")).get(2).detail()).isEqualTo("shipped to wholesale (in " + object(CASE).label() + ")");
        }

        @Test
        void aCaseAndItsContentsMayBeListedTogether() {
            stock();
            ok(acme, "ship", shipArgs("wholesale", CASE, pack("1"), pack("2")));
            ok(wholesale, "receive", objects(pack("2"), CASE, pack("1")));
            assertThat(object(pack("2")).owner()).isEqualTo("wholesale");
        }

        @Test
        void invalidShipping() {
            stock();
            refused("RECEIVER_REQUIRED", acme, "ship", objects(pack("3")));
            refused("RECEIVER_UNKNOWN", acme, "ship", shipArgs("nobody", pack("3")));
            refused("SELF_SHIPMENT", acme, "ship", shipArgs("acme", pack("3")));
            refused("NOT_OWNER", wholesale, "ship", shipArgs("pharmacy-c", pack("3")));
            refused("UNIT_PACKED", acme, "ship", shipArgs("wholesale", pack("1")));
            refused("UNIT_UNKNOWN", acme, "ship", shipArgs("wholesale", pack("99")));
            ok(acme, "ship", shipArgs("wholesale", pack("3")));
            refused("UNIT_IN_TRANSIT", acme, "ship", shipArgs("pharmacy-c", pack("3")));
            ok(acme, "recallLot", new RecallLot("10614141073464", "L1", "label error"));
            refused("LOT_RECALLED", acme, "ship", shipArgs("wholesale", CASE));
        }

        @Test
        void invalidReceiving() {
            stock();
            refused("NOT_SHIPPED_TO_YOU", wholesale, "receive", objects(pack("3")));
            ok(acme, "ship", shipArgs("wholesale", CASE, pack("3")));
            refused("NOT_SHIPPED_TO_YOU", pharmacy, "receive", objects(pack("3")));
            refused("UNIT_PACKED", wholesale, "receive", objects(pack("1")));
            refused("UNIT_UNKNOWN", wholesale, "receive", objects(pack("99")));
            ok(wholesale, "receive", objects(pack("3")));
            refused("ALREADY_RECEIVED", wholesale, "receive", objects(pack("3")));
        }

        @Test
        void stockCaughtInTransitByARecallCanStillBeReceived() {
            stock();
            ok(acme, "ship", shipArgs("wholesale", CASE));
            ok(acme, "recallLot", new RecallLot("10614141073464", "L1", "contamination"));
            ok(wholesale, "receive", objects(CASE));
            assertThat(object(pack("1")).effectiveStatus(true)).isEqualTo(UnitStatus.RECALLED);
            ok(wholesale, "destroy", objects(CASE));
            assertThat(object(pack("1")).status()).isEqualTo(UnitStatus.DESTROYED);
        }
    }

    @Nested
    class Dispensing {
        /** pack 3 and the case (1, 2) end up at pharmacy-c. */
        void atPharmacy() {
            stock();
            ok(acme, "ship", shipArgs("pharmacy-c", CASE, pack("3")));
            ok(pharmacy, "receive", objects(CASE, pack("3")));
        }

        @Test
        void theOwningPharmacyDispensesAGenuinePackOnce() {
            atPharmacy();
            ok(pharmacy, "dispense", objects(pack("3")));
            assertThat(object(pack("3")).status()).isEqualTo(UnitStatus.DISPENSED);
            assertThat(Verdict.of(object(pack("3")), null, T0)).isEqualTo(Verdict.ALREADY_DISPENSED);
            refused("ALREADY_DISPENSED", pharmacy, "dispense", objects(pack("3")));
            refused("ALREADY_DISPENSED", otherPharmacy, "dispense", objects(pack("3")));
        }

        @Test
        void aPackDispensedFromACaseLeavesTheCase() {
            atPharmacy();
            ok(pharmacy, "dispense", objects(pack("1")));
            assertThat(object(pack("1")).container()).isNull();
            assertThat(object(CASE).children()).containsExactly(object(pack("2")).key());
        }

        @Test
        void invalidDispensing() {
            atPharmacy();
            refused("NOT_PHARMACY", wholesale, "dispense", objects(pack("3")));
            refused("NOT_OWNER", otherPharmacy, "dispense", objects(pack("3")));
            refused("UNIT_UNKNOWN", pharmacy, "dispense", objects(pack("99")));
            refused("DISPENSE_NOT_SGTIN", pharmacy, "dispense", objects(CASE));
            refused("NOT_OWNER", pharmacy, "dispense", objects(pack("4")));
            ok(acme, "ship", shipArgs("pharmacy-c", pack("4")));
            refused("UNIT_IN_TRANSIT", pharmacy, "dispense", objects(pack("4")));
            ok(pharmacy, "decommission", objects(pack("2")));
            refused("UNIT_DECOMMISSIONED", pharmacy, "dispense", objects(pack("2")));
            ok(pharmacy, "reportStolen", objects(pack("1")));
            refused("UNIT_STOLEN", pharmacy, "dispense", objects(pack("1")));
        }

        @Test
        void expiredPacksAreRefusedFromTheDayAfterExpiry() {
            atPharmacy();
            ledger.at(Instant.parse("2027-06-30T23:59:59Z").toEpochMilli());
            ok(pharmacy, "dispense", objects(pack("3")));
            ledger.at(Instant.parse("2027-07-01T00:00:00Z").toEpochMilli());
            refused("UNIT_EXPIRED", pharmacy, "dispense", objects(pack("1")));
            assertThat(Verdict.of(object(pack("1")), null, ledger.blockTimeMillis())).isEqualTo(Verdict.EXPIRED);
        }

        @Test
        void expiredStockMayBeRecordedButNeverDispensed() {
            ok(acme, "commission", commissionArgs("OLD", "2025-02-28", pack("7")));
            assertThat(Verdict.of(object(pack("7")), null, T0)).isEqualTo(Verdict.EXPIRED);
            ok(acme, "ship", shipArgs("pharmacy-c", pack("7")));
            ok(pharmacy, "receive", objects(pack("7")));
            refused("UNIT_EXPIRED", pharmacy, "dispense", objects(pack("7")));
            ok(pharmacy, "destroy", objects(pack("7")));
        }

        @Test
        void aRecalledLotIsNotDispensed() {
            atPharmacy();
            ok(acme, "recallLot", new RecallLot("(01)10614141073464", "L1", "sterility"));
            refused("LOT_RECALLED", pharmacy, "dispense", objects(pack("3")));
            LotRecord lot = ledger.read(SupplyChainKeys.lot("10614141073464", "L1"), LotRecord.class).orElseThrow();
            assertThat(Verdict.of(object(pack("3")), lot, T0)).isEqualTo(Verdict.RECALLED);
        }
    }

    @Nested
    class EndOfLife {
        @Test
        void decommissionThenDestroy() {
            stock();
            ok(acme, "decommission", new SupplyEventArgs(null, List.of(pack("3")), null, null, null, null, null,
                    "damaged", null));
            assertThat(object(pack("3")).status()).isEqualTo(UnitStatus.DECOMMISSIONED);
            assertThat(history(pack("3")).getLast().detail()).isEqualTo("decommissioned: damaged");
            refused("UNIT_DECOMMISSIONED", acme, "decommission", objects(pack("3")));
            refused("UNIT_DECOMMISSIONED", acme, "ship", shipArgs("wholesale", pack("3")));
            ok(acme, "destroy", objects(pack("3")));
            assertThat(object(pack("3")).status()).isEqualTo(UnitStatus.DESTROYED);
            refused("UNIT_DESTROYED", acme, "destroy", objects(pack("3")));
            assertThat(Verdict.of(object(pack("3")), null, T0)).isEqualTo(Verdict.DECOMMISSIONED);
        }

        @Test
        void decommissioningACaseEndsItsContents() {
            stock();
            ok(acme, "decommission", objects(CASE));
            assertThat(object(pack("1")).status()).isEqualTo(UnitStatus.DECOMMISSIONED);
            assertThat(object(pack("2")).status()).isEqualTo(UnitStatus.DECOMMISSIONED);
            refused("NOT_OWNER", wholesale, "decommission", objects(pack("3")));
            ok(acme, "ship", shipArgs("wholesale", pack("3")));
            refused("UNIT_IN_TRANSIT", acme, "decommission", objects(pack("3")));
        }

        @Test
        void aRecalledLotMayBeDecommissioned() {
            stock();
            ok(acme, "recallLot", new RecallLot("10614141073464", "L1", null));
            ok(acme, "decommission", objects(pack("3")));
        }

        @Test
        void theftIsReportedByHolderReceiverOrAuthority() {
            stock();
            ok(acme, "reportStolen", objects(pack("3")));
            assertThat(object(pack("3")).status()).isEqualTo(UnitStatus.STOLEN);
            refused("UNIT_STOLEN", acme, "reportStolen", objects(pack("3")));
            ok(acme, "ship", shipArgs("wholesale", CASE));
            ok(wholesale, "reportStolen", objects(CASE));
            assertThat(object(pack("2")).status()).isEqualTo(UnitStatus.STOLEN);
            refused("NOT_OWNER", pharmacy, "reportStolen", objects(pack("4")));
            ok(regulator, "reportStolen", objects(pack("4")));
            assertThat(Verdict.of(object(pack("4")), null, T0)).isEqualTo(Verdict.STOLEN);
        }
    }

    @Nested
    class Recalls {
        @Test
        void manufacturerOrAuthorityRecallsALotOnce() {
            commission("L1", "1");
            commission("L2", "2");
            refused("NOT_AUTHORIZED_TO_RECALL", wholesale, "recallLot", new RecallLot("10614141073464", "L1", "x"));
            refused("NOT_AUTHORIZED_TO_RECALL", ledger.admin("rival"), "recallLot",
                    new RecallLot("10614141073464", "L1", "x"));
            refused("LOT_UNKNOWN", acme, "recallLot", new RecallLot("10614141073464", "L9", "x"));
            refused("ARGS_INVALID", acme, "recallLot", new RecallLot("10614141073464", null, "x"));
            refused("GS1_BAD_CHECK_DIGIT", acme, "recallLot", new RecallLot("10614141073465", "L1", "x"));
            FakeLedger.Result r = call(acme, "recallLot", new RecallLot("10614141073464", "L1", "sterility"));
            assertThat(r.error()).isEmpty();
            assertThat(r.ofType("LotRecalled")).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("\"recalled\":true", "sterility"));
            LotRecord lot = ledger.read(SupplyChainKeys.lot("10614141073464", "L1"), LotRecord.class).orElseThrow();
            assertThat(lot.recalledBy()).isEqualTo("acme");
            assertThat(lot.recallTxId()).isEqualTo(r.txId().hex());
            refused("LOT_ALREADY_RECALLED", acme, "recallLot", new RecallLot("10614141073464", "L1", "again"));
            ok(regulator, "recallLot", new RecallLot("10614141073464", "L2", "authority order"));
            assertThat(object(pack("1")).effectiveStatus(true)).isEqualTo(UnitStatus.RECALLED);
        }
    }

    @Nested
    class CompanyPrefixRegistration {
        @Test
        void anAuthorityAdminRegistersNonOverlappingPrefixes() {
            refused("PREFIX_NOT_OWNED", acme, "commission", commissionArgs("L1", EXPIRY,
                    "urn:epc:id:sgtin:9520001.012346.1"));
            ok(regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("acme", "9520001"));
            ok(acme, "commission", commissionArgs("L1", EXPIRY, "urn:epc:id:sgtin:9520001.012346.1"));
            CompanyPrefixRecord r = ledger.read(SupplyChainKeys.companyPrefix("9520001"), CompanyPrefixRecord.class)
                    .orElseThrow();
            assertThat(r.org()).isEqualTo("acme");
            assertThat(r.registeredBy()).isEqualTo("regulator/admin");

            refused("PREFIX_EXISTS", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("acme", "9520001"));
            refused("PREFIX_TAKEN", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("rival", "95200011"));
            refused("PREFIX_TAKEN", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("rival", "061414"));
            refused("PREFIX_TAKEN", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("rival", "0614141"));
            refused("PREFIX_INVALID", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("rival", "12345"));
            refused("PREFIX_INVALID", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("rival", "12a4567"));
            refused("ORG_UNKNOWN", regulator, "registerCompanyPrefix", new RegisterCompanyPrefix("nobody", "7777777"));
            refused("NOT_ORG_ADMIN", ledger.identity("regulator/inspector", Identity.Kind.MEMBER),
                    "registerCompanyPrefix", new RegisterCompanyPrefix("rival", "7777777"));
            refused("NOT_AUTHORITY", ledger.admin("acme"), "registerCompanyPrefix",
                    new RegisterCompanyPrefix("acme", "7777777"));
        }
    }

    @Test
    void serialsWithSlashesArePercentEscapedInKeys() {
        ok(acme, "commission", commissionArgs("A/1%", EXPIRY, "(01)10614141073464(21)A/B%1"));
        assertThat(ledger.committed).containsKey("unit/10614141073464/A%2FB%251");
        assertThat(ledger.committed).containsKey("lot/10614141073464/A%2F1%25");
        assertThat(ledger.committed).containsKey("unit-events/10614141073464/A%2FB%251/0000000001");
    }
}
