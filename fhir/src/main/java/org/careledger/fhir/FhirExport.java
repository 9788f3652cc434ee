package org.careledger.fhir;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.careledger.fhir.model.ConsentGrantView;
import org.careledger.fhir.model.Disclosure;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

/**
 * Ledger state as FHIR Bundles (compact JSON), in the order given. Disclosures become a searchset — they answer the
 * question "who accessed these records", as a FHIR server's AuditEvent search would. Consents become a collection
 * stamped with {@code asOf}, because it is a snapshot of grant states at that instant, inactive ones included.
 */
public final class FhirExport {

    private final FhirR4 fhir;
    private final AuditEventExporter audits;
    private final ConsentExporter consents;

    public FhirExport(FhirR4 fhir, AuditEventExporter audits, ConsentExporter consents) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
        this.audits = Objects.requireNonNull(audits, "audits");
        this.consents = Objects.requireNonNull(consents, "consents");
    }

    /** A searchset Bundle of AuditEvents, one per disclosure; {@code total} is the number of disclosures. */
    public String auditBundle(List<Disclosure> disclosures) {
        return auditBundle(disclosures, List.of());
    }

    /** The ledger's disclosures, then the node's logged API reads of the patient's data, one AuditEvent each. */
    public String auditBundle(List<Disclosure> disclosures, List<org.careledger.fhir.model.ApiRead> apiReads) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.setTotal(disclosures.size() + apiReads.size());
        Set<String> seen = new HashSet<>();
        for (Disclosure d : disclosures) {
            if (!seen.add(d.accessId() + " " + d.recordId())) {
                throw FhirErrorCode.FHIR_DISCLOSURE_INVALID.exception("access " + d.accessId() + " to record "
                        + d.recordId() + " is listed twice");
            }
            add(bundle, audits.toAuditEvent(d)).getSearch().setMode(SearchEntryMode.MATCH);
        }
        for (org.careledger.fhir.model.ApiRead r : apiReads) {
            add(bundle, audits.toAuditEvent(r)).getSearch().setMode(SearchEntryMode.MATCH);
        }
        return fhir.encodeToString(bundle);
    }

    /** A collection Bundle of Consents with their status as of {@code asOf}, which is also the Bundle timestamp. */
    public String consentBundle(List<ConsentGrantView> grants, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Bundle bundle = new Bundle().setType(BundleType.COLLECTION);
        bundle.setTimestampElement(FhirTime.instant(asOf));
        Set<String> seen = new HashSet<>();
        for (ConsentGrantView g : grants) {
            if (!seen.add(g.grantId())) {
                throw FhirErrorCode.FHIR_CONSENT_GRANT_INVALID.exception("grant " + g.grantId() + " is listed twice");
            }
            add(bundle, consents.toConsent(g, asOf));
        }
        return fhir.encodeToString(bundle);
    }

    private static Bundle.BundleEntryComponent add(Bundle bundle, Resource resource) {
        // the ids are UUIDs, so urn:uuid fullUrls make entries addressable without pretending to be on a server
        return bundle.addEntry().setFullUrl("urn:uuid:" + resource.getIdPart()).setResource(resource);
    }
}
