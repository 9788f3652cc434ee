/**
 * Patient records from Java: {@link org.careledger.client.records.RecordsClient} (register, seal and write, FHIR
 * import, audited reads and opening them, erasure, review, disclosures), the patient's wallet and a record's author.
 * Sealing itself is the api module's format (Tink AES-256-GCM + HPKE X25519). Nodes never see plaintext.
 */
package org.careledger.client.records;
