package org.careledger.fhir.claims;

/**
 * A coverage as the ledger records it, for export (the fhir module does not see contract types).
 *
 * @param coverageId   ledger coverage id
 * @param patientId    the patient's pseudonym
 * @param insurerOrg   the insurer org id
 * @param planId       the plan
 * @param periodStart  first day (ISO)
 * @param periodEnd    last day (ISO)
 * @param relationship FHIR subscriber-relationship code
 * @param endedOn      the day the insurer ended it, or null
 */
public record CoverageInfo(String coverageId, String patientId, String insurerOrg, String planId, String periodStart,
                           String periodEnd, String relationship, String endedOn) {}
