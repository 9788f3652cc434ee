/**
 * Patient records on the node, independent of HTTP: audited reads ({@code access.read} submitted, then the committed
 * {@code Disclosure} decides whether ciphertext and wrapped keys are served), a patient's accounting of disclosures
 * and consents (JSON or FHIR R4), record metadata, and the break-glass review queue. The node never holds
 * plaintext; see {@code docs/RECORDS.md}.
 */
package org.careledger.node.records;
