/**
 * The node's FHIR R4 REST facade under {@code /fhir} ({@code docs/FHIR.md}): the CapabilityStatement, and search of
 * the ledger's FHIR views of a patient — {@code AuditEvent?patient=} (the accounting of disclosures and this node's
 * logged API reads) and {@code Consent?patient=} (the patient's grants) — authorized and read-logged by
 * {@code records.RecordService} exactly as their {@code /v1} forms. Record content is not served or written here:
 * every record write and every ciphertext read is a ledger transaction the acting member signs, and the plaintext
 * exists only where the member's and patient's keys are, so import and read stay in the SDK/CLI (docs/FHIR.md says
 * why). Transport format and errors (OperationOutcome) are {@code api.FhirWire}.
 */
package org.careledger.node.fhir;
