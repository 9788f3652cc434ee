/**
 * Public-health reporting as FHIR R4: the eICR-style case report document ({@link
 * org.careledger.fhir.publichealth.CaseReportDocument}: Composition, minimal Patient, the triggering Condition or
 * Observation, the Encounter) and the aggregate as a summary {@code MeasureReport} ({@link
 * org.careledger.fhir.publichealth.AggregateMeasureReport}). docs/PUBLIC_HEALTH.md.
 */
package org.careledger.fhir.publichealth;
