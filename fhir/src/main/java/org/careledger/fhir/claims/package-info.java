/**
 * The claims domain in FHIR R4: {@link org.careledger.fhir.claims.SyntheaClaims} reads the Claims of a (Synthea)
 * patient Bundle into {@link org.careledger.fhir.claims.ImportedClaim}s, and {@link
 * org.careledger.fhir.claims.ClaimsFhirExport} writes Coverage, ClaimResponse and ExplanationOfBenefit. The domain's
 * values are {@code org.careledger.core.claims}; the mapping rules are in docs/CLAIMS.md ("FHIR").
 */
package org.careledger.fhir.claims;
