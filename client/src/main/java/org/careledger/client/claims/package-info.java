/**
 * Insurance claims from Java (issue 12, docs/CLAIMS.md): {@link org.careledger.client.claims.ClaimsClient} builds,
 * seals and submits each flow's transaction of contract {@code claims}; {@link org.careledger.client.claims.ClaimSealer}
 * seals and opens the encrypted blobs. Codes, diagnoses and amounts never leave this process in clear.
 */
package org.careledger.client.claims;
