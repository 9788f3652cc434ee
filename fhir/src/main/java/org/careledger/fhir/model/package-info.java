/**
 * Ledger-side views that the FHIR exporters turn into AuditEvent and Consent resources. They carry only what the
 * ledger keeps (identifiers, codes, times), never medical content.
 */
package org.careledger.fhir.model;
