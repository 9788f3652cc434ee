package org.careledger.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.careledger.fhir.model.ApiRead;
import org.careledger.fhir.model.Disclosure;
import org.careledger.fhir.model.PurposeOfUse;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Turns a ledger {@link Disclosure} into a FHIR R4 AuditEvent (DICOM "Patient Record" read), the form in which a
 * patient or auditor sees who read their records.
 *
 * <p>Choices a reader of the export needs to know:
 * <ul>
 *   <li><b>Break-glass</b> is expressed with standard purpose-of-use codes rather than an extension, so any FHIR
 *       audit consumer can filter for it: {@code purposeOfEvent} and the agent's {@code purposeOfUse} carry
 *       v3-ActReason {@code ETREAT} (emergency treatment) and {@code BTG} (break the glass), and the BTG concept's
 *       text is the reason the accessor gave — for every break-glass attempt, granted or refused. Security labels
 *       were not used: they would label the AuditEvent's own confidentiality, not the access it describes.</li>
 *   <li><b>The basis of the decision</b>: the ledger-transaction entity carries details {@code decision} (GRANT,
 *       OWN_ORG, BREAK_GLASS, DENIED), {@code denialReason} for a refusal (also in {@code outcomeDesc}), and for a
 *       reviewed break-glass access {@code reviewOutcome}, {@code reviewer} and {@code reviewNote}; a read under
 *       consent has one more entity, the patient's grant (a Consent by identifier). A generated narrative says all of
 *       it in one sentence for a person.</li>
 *   <li><b>API reads</b> from a node's read log ({@link ApiRead}) become successful read / search-type events
 *       observed by that node, tied to the log entry by {@code readLogSeq} and {@code readLogHash} details.</li>
 *   <li><b>Traceability to the chain</b>: R4 AuditEvent has no identifier element, so the ledger transaction is an
 *       extra entity (type System Object) whose {@code what.identifier} is the tx id under
 *       {@link IdentifierSystems#LEDGER_TX}, with a {@code blockHeight} detail. The resource id is derived from the
 *       tx id and record id (see {@link ExportIds}), so re-exporting gives the same resource.</li>
 *   <li><b>Who</b>: the accessor is referenced by identifier ({@link IdentifierSystems#MEMBER}, assigned by its
 *       organization), or as an organization when accessor and organization are the same.</li>
 *   <li><b>Outcome</b>: 0 when granted, 4 (minor failure, the HTTP 403 analogue) when the ledger refused.</li>
 * </ul>
 */
public final class AuditEventExporter {

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    /** The entity detail type that carries the block height of the ledger transaction entity. */
    public static final String BLOCK_HEIGHT_DETAIL = "blockHeight";

    private final String ledgerId;

    /** @param ledgerId the network the disclosures come from, shown as the AuditEvent's source */
    public AuditEventExporter(String ledgerId) {
        if (ledgerId == null || ledgerId.isBlank()) {
            throw new IllegalArgumentException("ledgerId is required");
        }
        this.ledgerId = ledgerId;
    }

    public AuditEvent toAuditEvent(Disclosure d) {
        Objects.requireNonNull(d, "disclosure");
        AuditEvent event = new AuditEvent();
        event.setId(ExportIds.uuid("AuditEvent", d.accessId(), d.recordId()));
        event.setType(new Coding(DICOM, "110110", "Patient Record"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, "read", "read"));
        event.setAction(AuditEventAction.R);
        event.setRecordedElement(FhirTime.instant(d.at()));
        if (d.granted()) {
            event.setOutcome(AuditEventOutcome._0);
        } else {
            event.setOutcome(AuditEventOutcome._4);
            event.setOutcomeDesc("access refused by the ledger" + (d.denialReason() == null ? ""
                    : ": " + d.denialReason()));
        }
        event.setPurposeOfEvent(purposes(d));
        event.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + escape(narrative(d)) + "</div>");

        AuditEventAgentComponent agent = event.addAgent();
        agent.setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")));
        agent.setWho(accessor(d));
        agent.setRequestor(true);
        agent.setPurposeOfUse(purposes(d));

        event.getSource()
                .setSite(ledgerId)
                .setObserver(new Reference()
                        .setIdentifier(new Identifier().setSystem(IdentifierSystems.LEDGER).setValue(ledgerId))
                        .setDisplay("careledger ledger " + ledgerId))
                // the ledger is the application that decided and recorded the access
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        AuditEventEntityComponent record = event.addEntity();
        record.setWhat(byIdentifier(d.recordType(), IdentifierSystems.RECORD, d.recordId()));
        record.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        record.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));

        AuditEventEntityComponent patient = event.addEntity();
        patient.setWhat(byIdentifier("Patient", IdentifierSystems.PATIENT, d.patientId()));
        patient.setType(new Coding(ENTITY_TYPE, "1", "Person"));
        patient.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));

        AuditEventEntityComponent tx = event.addEntity();
        tx.setWhat(new Reference()
                .setIdentifier(new Identifier().setSystem(IdentifierSystems.LEDGER_TX).setValue(d.accessId())));
        tx.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        tx.setDescription("ledger transaction that recorded this access");
        tx.addDetail().setType(BLOCK_HEIGHT_DETAIL).setValue(new StringType(Long.toString(d.blockHeight())));
        tx.addDetail().setType(DECISION_DETAIL).setValue(new StringType(d.decision()));
        if (d.denialReason() != null) {
            tx.addDetail().setType(DENIAL_REASON_DETAIL).setValue(new StringType(d.denialReason()));
        }
        if (d.review() != null) {
            tx.addDetail().setType(REVIEW_OUTCOME_DETAIL).setValue(new StringType(d.review().outcome()));
            tx.addDetail().setType(REVIEWER_DETAIL).setValue(new StringType(d.review().reviewer()));
            if (d.review().note() != null) {
                tx.addDetail().setType(REVIEW_NOTE_DETAIL).setValue(new StringType(d.review().note()));
            }
        }
        if (d.grantId() != null) {
            // the consent the read relied on, so a consent-based read is told apart from an own-org one
            AuditEventEntityComponent consent = event.addEntity();
            consent.setWhat(byIdentifier("Consent", IdentifierSystems.CONSENT_GRANT, d.grantId()));
            consent.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
            consent.setRole(new Coding(OBJECT_ROLE, "13", "Security Resource"));
            consent.setDescription("the patient's consent grant this read relied on");
        }
        return event;
    }

    /** Detail types on the ledger-transaction entity: the basis of the decision and, for break-glass, its review. */
    public static final String DECISION_DETAIL = "decision";
    public static final String DENIAL_REASON_DETAIL = "denialReason";
    public static final String REVIEW_OUTCOME_DETAIL = "reviewOutcome";
    public static final String REVIEWER_DETAIL = "reviewer";
    public static final String REVIEW_NOTE_DETAIL = "reviewNote";

    /** A sentence a person can read: who read what, why, what the ledger decided, and the review. */
    private static String narrative(Disclosure d) {
        StringBuilder b = new StringBuilder(d.accessor()).append(" (").append(d.accessorOrg()).append(") asked to read ")
                .append(d.recordType()).append(' ').append(d.recordId()).append(" of patient ").append(d.patientId())
                .append(" for ").append(d.purpose()).append(": ").append(switch (d.decision()) {
                    case "GRANT" -> "granted under consent " + d.grantId();
                    case "OWN_ORG" -> "granted to the record's custodian org";
                    case "BREAK_GLASS" -> "granted by break-glass, pending review by the custodian";
                    case "PAYMENT" -> "disclosed for the payment of an insurance claim";
                    case "PUBLIC_HEALTH" -> "a case report sent to the public-health authority, required by law"
                            + " (no consent needed)";
                    default -> "refused (" + d.denialReason() + ")";
                });
        if (d.breakGlassAttempted()) {
            b.append("; emergency reason given: \"").append(d.breakGlassReason()).append('"');
        }
        if (d.review() != null) {
            b.append("; reviewed ").append(d.review().outcome()).append(" by ").append(d.review().reviewer());
        }
        return b.append('.').toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The detail types that tie an API read's AuditEvent to its node's read log. */
    public static final String READ_LOG_SEQ_DETAIL = "readLogSeq";
    public static final String READ_LOG_HASH_DETAIL = "readLogHash";

    /**
     * A read a node served through its API and logged in its read log: a RESTful read (a key bundle) or search (a
     * list or report) of the patient's data, always successful (refusals read nothing and are not logged), observed
     * by that node rather than the ledger.
     */
    public AuditEvent toAuditEvent(ApiRead r) {
        Objects.requireNonNull(r, "read");
        AuditEvent event = new AuditEvent();
        event.setId(ExportIds.uuid("AuditEvent", r.node(), Long.toString(r.seq())));
        event.setType(new Coding(DICOM, "110110", "Patient Record"));
        event.addSubtype(r.singleItem() ? new Coding(RESTFUL_INTERACTION, "read", "read")
                : new Coding(RESTFUL_INTERACTION, "search-type", "search-type"));
        event.setAction(AuditEventAction.R);
        event.setRecordedElement(FhirTime.instant(r.at()));
        event.setOutcome(AuditEventOutcome._0);
        event.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + escape(r.caller() + " read "
                        + r.kind() + (r.subject().isEmpty() ? "" : " " + r.subject()) + " of patient " + r.patientId()
                        + " through " + r.node() + " (read log entry " + r.seq() + ").") + "</div>");

        AuditEventAgentComponent agent = event.addAgent();
        agent.setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")));
        agent.setWho(r.callerOrg().equals("patient")
                ? byIdentifier("Patient", IdentifierSystems.PATIENT, r.caller().substring("patient/".length()))
                : new Reference().setIdentifier(new Identifier().setSystem(IdentifierSystems.MEMBER).setValue(r.caller())
                        .setAssigner(byIdentifier("Organization", IdentifierSystems.ORGANIZATION, r.callerOrg()))));
        agent.setRequestor(true);

        event.getSource()
                .setSite(r.node())
                .setObserver(new Reference()
                        .setIdentifier(new Identifier().setSystem(IdentifierSystems.LEDGER).setValue(ledgerId))
                        .setDisplay("careledger node " + r.node()))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        AuditEventEntityComponent patient = event.addEntity();
        patient.setWhat(byIdentifier("Patient", IdentifierSystems.PATIENT, r.patientId()));
        patient.setType(new Coding(ENTITY_TYPE, "1", "Person"));
        patient.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));

        AuditEventEntityComponent what = event.addEntity();
        what.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        what.setDescription(r.kind() + (r.subject().isEmpty() ? "" : " " + r.subject()));
        what.addDetail().setType(READ_LOG_SEQ_DETAIL).setValue(new StringType(Long.toString(r.seq())));
        what.addDetail().setType(READ_LOG_HASH_DETAIL).setValue(new StringType(r.hash()));
        return event;
    }

    /** The declared purpose, plus ETREAT and BTG for break-glass; one concept per code, as they are separate reasons. */
    private static List<CodeableConcept> purposes(Disclosure d) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(d.purpose());
        if (d.breakGlassAttempted()) {
            codes.add("ETREAT");
            codes.add("BTG");
        }
        List<CodeableConcept> concepts = new ArrayList<>(codes.size());
        for (String code : codes) {
            CodeableConcept concept = new CodeableConcept(
                    new Coding(PurposeOfUse.SYSTEM, code, PurposeOfUse.display(code)));
            if (code.equals("BTG")) {
                concept.setText(d.breakGlassReason());
            }
            concepts.add(concept);
        }
        return concepts;
    }

    private static Reference accessor(Disclosure d) {
        Reference org = byIdentifier("Organization", IdentifierSystems.ORGANIZATION, d.accessorOrg());
        if (d.accessor().equals(d.accessorOrg())) {
            return org;
        }
        Reference member = new Reference();
        member.setIdentifier(new Identifier()
                .setSystem(IdentifierSystems.MEMBER)
                .setValue(d.accessor())
                // member ids are issued by the member's organization (its CA), which is what assigner means
                .setAssigner(org));
        return member;
    }

    static Reference byIdentifier(String type, String system, String value) {
        return new Reference()
                .setType(type)
                .setIdentifier(new Identifier().setSystem(system).setValue(value));
    }
}
