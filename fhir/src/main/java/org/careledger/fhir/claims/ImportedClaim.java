package org.careledger.fhir.claims;

import java.util.List;
import java.util.Map;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.ServiceCode;

/**
 * A FHIR R4 {@code Claim} read into the claims domain's terms, before the ledger ids are known: its lines bill
 * Bundle entries (by fullUrl), which the importer maps to the record ids it wrote.
 *
 * @param sourceClaimId  the Claim's id
 * @param claimType      {@code professional}, {@code institutional}, {@code pharmacy}, …
 * @param serviceDate    the day billablePeriod starts (ISO, in the Claim's own offset)
 * @param currency       ISO 4217
 * @param totalCents     Claim.total in cents: the amount asked
 * @param lines          one per code, in order of first appearance
 * @param diagnoses      codes of items that bill nothing (findings, diagnoses)
 * @param payer          insurance.coverage.display (Synthea names the payer there), or null
 * @param apportioned    true when the items' own net amounts added up to more than Claim.total and were scaled to it
 * @param eobPaymentCents the matching ExplanationOfBenefit's payment.amount in cents, or null
 */
public record ImportedClaim(String sourceClaimId, String claimType, String serviceDate, String currency,
                            long totalCents, List<Line> lines, List<ServiceCode> diagnoses, String payer,
                            boolean apportioned, Long eobPaymentCents) {
    public ImportedClaim {
        lines = List.copyOf(lines);
        diagnoses = List.copyOf(diagnoses);
    }

    /**
     * One billed service.
     *
     * @param service        the code
     * @param quantity       how many items of the Claim billed it
     * @param submittedCents its share of the total
     * @param billedFullUrl  the Bundle entry it bills: the Encounter, or the MedicationRequest of a prescription
     */
    public record Line(ServiceCode service, int quantity, long submittedCents, String billedFullUrl) {}

    /**
     * The claim as the domain holds it, with each line's Bundle entry replaced by the ledger record written for it.
     * FHIR_CLAIM_UNMAPPABLE when a billed entry has no record.
     */
    public ClaimContent toContent(String claimId, String patientId, String coverageId, String providerOrg,
                                  Map<String, String> recordIdsByFullUrl) {
        java.util.ArrayList<ClaimLine> out = new java.util.ArrayList<>();
        for (Line line : lines) {
            String recordId = recordIdsByFullUrl.get(line.billedFullUrl());
            if (recordId == null) {
                throw new CareledgerException("FHIR_CLAIM_UNMAPPABLE", "Claim/" + sourceClaimId + " bills "
                        + line.billedFullUrl() + ", which has no ledger record");
            }
            out.add(new ClaimLine(out.size() + 1, line.service(), line.quantity(), line.submittedCents(), recordId,
                    null));
        }
        return new ClaimContent(claimId, patientId, coverageId, providerOrg, serviceDate, currency, out, diagnoses,
                totalCents, sourceClaimId);
    }
}
