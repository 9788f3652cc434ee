/**
 * The research domain as FHIR R4 ({@link org.careledger.fhir.research.ResearchFhirExport}): ResearchStudy,
 * ResearchSubject and the research Consent, subjects referenced by per-study subject id only. See docs/RESEARCH.md.
 */
package org.careledger.fhir.research;
