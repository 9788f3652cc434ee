/**
 * The claims domain's plaintext model and its pure logic, for every side that reads claims in clear (the provider,
 * the insurer, the patient, {@code verify}, the FHIR mapping) and needs no contract or node: {@link
 * org.careledger.core.claims.ClaimContent}, {@link org.careledger.core.claims.BenefitRules}, the deterministic
 * {@link org.careledger.core.claims.Adjudicator} and its {@link org.careledger.core.claims.AdjudicationCheck}, keyed
 * {@link org.careledger.core.claims.ClaimFingerprints} and hash {@link org.careledger.core.claims.Commitments}.
 * The ledger side is contract {@code claims} ({@code org.careledger.contracts.claims}); the design and threat model
 * are in docs/CLAIMS.md.
 */
package org.careledger.core.claims;
