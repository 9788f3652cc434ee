package org.careledger.contracts.supplychain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.ContractException;
import org.careledger.epcis.Action;
import org.careledger.epcis.AggregationEventItems;
import org.careledger.epcis.BizStep;
import org.careledger.epcis.CbvValue;
import org.careledger.epcis.Disposition;
import org.careledger.epcis.EpcisEvent;
import org.careledger.epcis.ObjectEventItems;
import org.careledger.epcis.SourceDestType;
import org.careledger.epcis.SourceDestination;
import org.careledger.epcis.TransformationEventItems;
import org.careledger.epcis.gs1.DigitalLink;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Gln;
import org.careledger.epcis.gs1.Sgln;
import org.careledger.epcis.gs1.Sscc;

/**
 * Maps an EPCIS 2.0 event to a supply-chain {@link Operation}, or refuses it with a per-event code.
 * <ul>
 *   <li>ObjectEvent: the bizStep says what happened — commissioning (ADD; lot and expiry from the ILMD),
 *       shipping and receiving (OBSERVE), dispensing (OBSERVE or DELETE), decommissioning (DELETE), destroying
 *       (DELETE or OBSERVE); disposition {@code stolen} reports theft whatever the bizStep.</li>
 *   <li>AggregationEvent: ADD packs the childEPCs into the parentID (an SSCC), DELETE unpacks them (all when none
 *       are listed), OBSERVE applies its bizStep to the parent and children as an ObjectEvent would.</li>
 *   <li>Not applied: TransformationEvents, events carrying an errorDeclaration (the ledger never retracts; send
 *       corrective events instead), quantity-only events; quantity lists next to EPCs are ignored, with a note.</li>
 * </ul>
 * The receiver of a shipment is the first destination (owning party, then possessing party, then location) the
 * ledger can resolve: {@code urn:careledger:org:ID}, or a PGLN/SGLN/GLN under a company prefix registered to an
 * org; else the capture's {@code shipTo}.
 */
final class EpcisMapping {
    static final String ORG_URI = "urn:careledger:org:";

    private EpcisMapping() {}

    /**
     * @param glnHolder the org holding the company prefix of a GLN, if any
     * @param shipTo the fallback receiver of shipments, may be null
     * @param eventId the event's identity: its eventID, else the derived one
     * @param shipper the submitting org, which ships when the event is a shipment
     */
    static Operation map(EpcisEvent e, Function<String, Optional<String>> glnHolder, String shipTo, String eventId,
                         String shipper) {
        return mapOperation(e, glnHolder, shipTo, eventId, shipper).withContext(new Operation.Context(
                e.eventTime().toString(), offset(e.eventTimeZoneOffset()), e.readPoint().orElse(null),
                e.bizLocation().orElse(null)));
    }

    /**
     * The lot and expiry that Digital Links of an event's epcList/childEPCs carry, per pack: checked against what
     * was commissioned when the event is applied (LOT_MISMATCH / EXPIRY_MISMATCH). Commissioning ignores them.
     */
    static java.util.Map<String, Operation.Label> labels(List<String> labelledIds) {
        java.util.Map<String, Operation.Label> out = new java.util.TreeMap<>();
        for (String id : labelledIds) {
            Operation.Label label = Operation.labelOf(id);
            if (label.lot() != null || label.expiry() != null) {
                out.put(ObjectIds.key(ObjectIds.parse(id)), label);
            }
        }
        return out;
    }

    private static String offset(java.time.ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    private static Operation mapOperation(EpcisEvent e, Function<String, Optional<String>> glnHolder, String shipTo,
                                          String eventId, String shipper) {
        if (e.hasErrorDeclaration()) {
            throw new ContractException("EPCIS_ERROR_DECLARATION_UNSUPPORTED", "the event retracts an earlier one"
                    + " (errorDeclaration); ledger entries are never retracted, so record what really happened with"
                    + " new events (e.g. decommissioning)");
        }
        List<String> notes = new ArrayList<>();
        String location = e.bizLocation().or(e::readPoint).orElse(null);
        Action action = e.action().orElse(null);
        return switch (e.items()) {
            case TransformationEventItems t -> throw new ContractException("EPCIS_EVENT_UNSUPPORTED",
                    "TransformationEvents are not applied: the ledger follows serialized packs and cases, not how"
                            + " products are made from inputs");
            case ObjectEventItems o -> {
                if (o.epcList().isEmpty()) {
                    throw noSerializedObjects("quantityList");
                }
                if (!o.quantityList().isEmpty()) {
                    notes.add("quantityList ignored: only serialized packs and cases are tracked");
                }
                List<Epc> objects = tracked(o.epcList());
                yield byBizStep(e, action, objects, location, eventId, notes, glnHolder, shipTo, shipper, true);
            }
            case AggregationEventItems g -> {
                Sscc parent = g.parentId().map(p -> {
                    if (!(ObjectIds.requireTracked(p) instanceof Sscc sscc)) {
                        throw new ContractException("CONTAINER_NOT_SSCC", "parentID " + p.toUri()
                                + " must be an SSCC (a case or pallet)");
                    }
                    return sscc;
                }).orElse(null);
                List<Epc> children = tracked(g.childEpcs());
                if (!g.childQuantityList().isEmpty()) {
                    notes.add("childQuantityList ignored: only serialized packs and cases are tracked");
                }
                yield switch (action) {
                    case ADD -> {
                        if (children.isEmpty()) {
                            throw noSerializedObjects("childQuantityList");
                        }
                        yield new Operation(EventKind.PACK, children, parent, null, location, null, null, null,
                                eventId, notes);
                    }
                    case DELETE -> new Operation(EventKind.UNPACK, children, parent, null, location, null, null, null,
                            eventId, notes);
                    case OBSERVE -> {
                        List<Epc> objects = new ArrayList<>();
                        if (parent != null) {
                            objects.add(parent);
                        }
                        objects.addAll(children);
                        if (objects.isEmpty()) {
                            throw noSerializedObjects("childQuantityList");
                        }
                        yield byBizStep(e, action, objects, location, eventId, notes, glnHolder, shipTo, shipper, false);
                    }
                };
            }
        };
    }

    private static Operation byBizStep(EpcisEvent e, Action action, List<Epc> objects, String location,
                                       String eventId, List<String> notes, Function<String, Optional<String>> glnHolder,
                                       String shipTo, String shipper, boolean objectEvent) {
        String reason = e.disposition().map(CbvValue::value).orElse(null);
        if (e.disposition().map(d -> d.is(Disposition.STOLEN)).orElse(false)) {
            requireAction(e, action, Action.OBSERVE);
            return new Operation(EventKind.REPORT_STOLEN, objects, null, null, location, null, null, null, eventId, notes);
        }
        CbvValue<BizStep> step = e.bizStep().orElseThrow(() -> new ContractException("EPCIS_BIZSTEP_MISSING",
                "the event has no bizStep, so what happened cannot be told"));
        return switch (step.term()) {
            case COMMISSIONING -> {
                if (!objectEvent) {
                    throw unsupportedStep(step, "an AggregationEvent; packs are commissioned with an ObjectEvent");
                }
                requireAction(e, action, Action.ADD);
                yield new Operation(EventKind.COMMISSION, objects, null, null, location,
                        e.ilmd().lotNumber().orElse(null), e.ilmd().itemExpirationDate().map(Object::toString).orElse(null),
                        null, eventId, notes);
            }
            case SHIPPING -> {
                requireAction(e, action, Action.OBSERVE);
                String to = receiver(e.destinations(), glnHolder, shipper).orElse(shipTo);
                if (to == null) {
                    throw new ContractException("RECEIVER_REQUIRED", "the shipping event's destinationList names no"
                            + " org the ledger knows (an owning or possessing party GLN under a registered company"
                            + " prefix, or " + ORG_URI + "ID), and the capture gives no shipTo");
                }
                yield new Operation(EventKind.SHIP, objects, null, to, location, null, null, null, eventId, notes);
            }
            case RECEIVING -> {
                requireAction(e, action, Action.OBSERVE);
                yield new Operation(EventKind.RECEIVE, objects, null, null, location, null, null, null, eventId, notes);
            }
            case DISPENSING -> {
                requireAction(e, action, Action.OBSERVE, Action.DELETE);
                yield new Operation(EventKind.DISPENSE, objects, null, null, location, null, null, null, eventId, notes);
            }
            case DECOMMISSIONING -> {
                requireAction(e, action, Action.DELETE);
                yield new Operation(EventKind.DECOMMISSION, objects, null, null, location, null, null, reason, eventId,
                        notes);
            }
            case DESTROYING -> {
                requireAction(e, action, Action.DELETE, Action.OBSERVE);
                yield new Operation(EventKind.DESTROY, objects, null, null, location, null, null, reason, eventId, notes);
            }
            case PACKING, UNPACKING -> throw unsupportedStep(step, objectEvent
                    ? "an ObjectEvent; (un)packing is an AggregationEvent with action ADD or DELETE"
                    : "an AggregationEvent with action OBSERVE; use ADD or DELETE");
            default -> throw unsupportedStep(step, "this ledger");
        };
    }

    /**
     * The receiver of a shipment by {@code shipper}. An owning_party naming another org means ownership changes:
     * that org receives. When ownership does not change (no owning_party, or it names the shipper), the goods go
     * to whoever will hold them, a 3PL or another site: the first possessing_party, then location, then other
     * destination naming an org other than the shipper. Destinations naming only the shipper give the shipper
     * (a move within the org, refused SELF_SHIPMENT); none naming an org give empty (the capture's shipTo).
     */
    static Optional<String> receiver(List<SourceDestination> destinations, Function<String, Optional<String>> glnHolder,
                                     String shipper) {
        List<SourceDestination> sorted = destinations.stream()
                .sorted(Comparator.comparingInt(d -> rank(d.type().term()))).toList();
        Optional<String> owner = sorted.stream().filter(d -> d.type().term() == SourceDestType.OWNING_PARTY)
                .map(d -> org(d.id(), glnHolder)).flatMap(Optional::stream).findFirst();
        if (owner.isPresent() && !owner.get().equals(shipper)) {
            return owner;
        }
        Optional<String> holder = sorted.stream().filter(d -> d.type().term() != SourceDestType.OWNING_PARTY)
                .map(d -> org(d.id(), glnHolder)).flatMap(Optional::stream)
                .filter(o -> !o.equals(shipper)).findFirst();
        if (holder.isPresent()) {
            return holder;
        }
        return owner.or(() -> sorted.stream().map(d -> org(d.id(), glnHolder)).flatMap(Optional::stream).findFirst());
    }

    private static int rank(SourceDestType type) {
        return switch (type) {
            case OWNING_PARTY -> 0;
            case POSSESSING_PARTY -> 1;
            case LOCATION -> 2;
            case OTHER -> 3;
        };
    }

    private static Optional<String> org(String id, Function<String, Optional<String>> glnHolder) {
        if (id.startsWith(ORG_URI)) {
            return Optional.of(id.substring(ORG_URI.length()));
        }
        try {
            Gln gln;
            if (id.startsWith("urn:epc:id:pgln:")) {
                gln = Gln.fromPglnUri(id);
            } else if (id.startsWith("urn:epc:id:sgln:")) {
                gln = Sgln.fromEpcUri(id).gln();
            } else if (DigitalLink.looksLikeDigitalLink(id)) {
                DigitalLink link = DigitalLink.parse(id);
                gln = switch (link.primaryAi()) {
                    case "417", "414" -> new Gln(link.primaryValue());
                    default -> null;
                };
            } else {
                gln = null;
            }
            return gln == null ? Optional.empty() : glnHolder.apply(gln.digits());
        } catch (CareledgerException e) {
            return Optional.empty(); // an identifier of another kind names no org
        }
    }

    private static List<Epc> tracked(List<Epc> epcs) {
        epcs.forEach(ObjectIds::requireTracked);
        return epcs;
    }

    private static void requireAction(EpcisEvent e, Action actual, Action... allowed) {
        for (Action a : allowed) {
            if (a == actual) {
                return;
            }
        }
        throw new ContractException("EPCIS_ACTION_MISMATCH", "bizStep " + e.bizStep().map(CbvValue::value).orElse("-")
                + " with disposition " + e.disposition().map(CbvValue::value).orElse("-") + " is applied for action "
                + String.join(" or ", java.util.Arrays.stream(allowed).map(Enum::name).toList()) + ", not " + actual);
    }

    private static ContractException noSerializedObjects(String field) {
        return new ContractException("EPCIS_NO_SERIALIZED_OBJECTS", "the event names no serialized packs or cases,"
                + " only amounts (" + field + "); the ledger tracks serialized units");
    }

    private static ContractException unsupportedStep(CbvValue<BizStep> step, String where) {
        return new ContractException("EPCIS_BIZSTEP_UNSUPPORTED", "bizStep " + step.value() + " is not applied in "
                + where + "; applied are commissioning, packing, unpacking, shipping, receiving, dispensing,"
                + " decommissioning and destroying");
    }
}
