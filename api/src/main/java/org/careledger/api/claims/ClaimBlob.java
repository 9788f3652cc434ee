package org.careledger.api.claims;

/**
 * {@code GET /v1/claims/{claimId}/blobs/{sha256}} and {@code GET /v1/patients/{id}/claims-key/{org}}: one blob
 * (ciphertext, key bundle or wrapped claims key), base64, with the SHA-256 the ledger names it by.
 */
public record ClaimBlob(String sha256, String data) {}
