/**
 * HL7 FHIR R4 mapping for careledger, built on HAPI FHIR structures: splits patient Bundles into one record per
 * resource for the ledger, re-assembles them for export, and exports disclosures and consents as FHIR.
 *
 * <p>Pure code: nothing here knows about blocks, storage or consensus. All classes share one {@link
 * org.careledger.fhir.FhirR4} because HAPI's model scan is the expensive part; construct it once and pass it in.
 * Every class here is immutable and safe to share between threads.
 */
package org.careledger.fhir;
