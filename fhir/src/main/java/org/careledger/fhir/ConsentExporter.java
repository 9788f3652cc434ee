package org.careledger.fhir;

import java.time.Instant;
import java.util.Objects;
import org.careledger.fhir.model.ConsentGrantView;
import org.careledger.fhir.model.PurposeOfUse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns a ledger {@link ConsentGrantView} into a FHIR R4 Consent (scope patient-privacy, LOINC 59284-0 "Patient
 * Consent") as of a given instant, so a patient or another system can see who may read what.
 *
 * <p>Mapping notes:
 * <ul>
 *   <li>Status is {@code active} while the grant is in force at {@code asOf}, otherwise {@code inactive}
 *       (revoked or expired). Asking about a time before the grant existed is an error, not a status.</li>
 *   <li>R4 Consent has no revocation date, so a revocation that happened by {@code asOf} is carried in the
 *       extension {@link #REVOKED_AT_EXTENSION}; {@code provision.period} stays the term the patient granted.</li>
 *   <li>{@code policyRule} is v3 {@code OPTIN} (R4 requires a policy or policyRule, invariant ppc-1): nothing is
 *       shared without a grant, and each grant opts one grantee in.</li>
 *   <li>One {@code permit} provision: actor = the grantee as information recipient (IRCP), action {@code access},
 *       {@code class} = the record types (FHIR resource types), {@code data} = individual records (meaning
 *       {@code instance}). FHIR reads class and data as joint conditions; when both lists are empty the grant
 *       covers all the patient's records, which is also how a FHIR receiver reads a provision without them.</li>
 *   <li>Patient, grantee and records are referenced by ledger identifiers ({@link IdentifierSystems}), since the
 *       ledger holds pseudonyms and record ids, not FHIR server URLs.</li>
 * </ul>
 */
public final class ConsentExporter {

    /** Extension (valueDateTime) holding when the patient revoked the grant. */
    public static final String REVOKED_AT_EXTENSION = "https://careledger.org/fhir/StructureDefinition/consent-revoked-at";

    static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String LOINC = "http://loinc.org";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";
    static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";

    public Consent toConsent(ConsentGrantView g, Instant asOf) {
        Objects.requireNonNull(g, "grant");
        Objects.requireNonNull(asOf, "asOf");
        if (asOf.isBefore(g.grantedAt())) {
            throw FhirErrorCode.FHIR_CONSENT_GRANT_INVALID.exception("grant " + g.grantId() + " was made at "
                    + g.grantedAt() + ", after the requested time " + asOf);
        }
        Consent consent = new Consent();
        consent.setId(ExportIds.uuid("Consent", g.grantId()));
        consent.addIdentifier().setSystem(IdentifierSystems.CONSENT_GRANT).setValue(g.grantId());
        consent.setStatus(g.activeAt(asOf) ? ConsentState.ACTIVE : ConsentState.INACTIVE);
        consent.setScope(concept(CONSENT_SCOPE, "patient-privacy", "Privacy Consent"));
        consent.addCategory(concept(LOINC, "59284-0", "Patient Consent"));
        consent.setPatient(patient(g));
        consent.setDateTimeElement(FhirTime.dateTime(g.grantedAt()));
        // only the patient's own key can sign a grant, so the patient is the one agreeing
        consent.addPerformer(patient(g));
        consent.setPolicyRule(concept(ACT_CODE, "OPTIN", "opt-in"));
        if (g.revokedAt() != null && !asOf.isBefore(g.revokedAt())) {
            consent.addExtension(REVOKED_AT_EXTENSION, FhirTime.dateTime(g.revokedAt()));
        }

        ProvisionComponent provision = consent.getProvision();
        provision.setType(ConsentProvisionType.PERMIT);
        Period period = new Period().setStartElement(FhirTime.dateTime(g.grantedAt()));
        if (g.expiresAt() != null) {
            period.setEndElement(FhirTime.dateTime(g.expiresAt()));
        }
        provision.setPeriod(period);
        provision.addActor()
                .setRole(concept(AuditEventExporter.PARTICIPATION_TYPE, "IRCP", "information recipient"))
                .setReference(grantee(g));
        provision.addAction(concept(CONSENT_ACTION, "access", "Access"));
        if (g.purpose() != null) {
            provision.addPurpose(new Coding(PurposeOfUse.SYSTEM, g.purpose(), PurposeOfUse.display(g.purpose())));
        }
        for (String type : g.recordTypes()) {
            provision.addClass_(new Coding().setSystem(RESOURCE_TYPES).setCode(type));
        }
        for (String recordId : g.recordIds()) {
            provision.addData()
                    .setMeaning(ConsentDataMeaning.INSTANCE)
                    .setReference(new Reference().setIdentifier(
                            new Identifier().setSystem(IdentifierSystems.RECORD).setValue(recordId)));
        }
        return consent;
    }

    private static Reference patient(ConsentGrantView g) {
        return AuditEventExporter.byIdentifier("Patient", IdentifierSystems.PATIENT, g.patientId());
    }

    private static Reference grantee(ConsentGrantView g) {
        return g.granteeKind().equals(ConsentGrantView.ORG)
                ? AuditEventExporter.byIdentifier("Organization", IdentifierSystems.ORGANIZATION, g.grantee())
                : AuditEventExporter.byIdentifier("Practitioner", IdentifierSystems.MEMBER, g.grantee());
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
