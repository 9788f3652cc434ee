package org.careledger.fhir.research;

/** A research consent as the ledger holds it: the signed document's SHA-256, never its content. */
public record ConsentInfo(String studyId, String subjectId, int protocolVersion, String consentSha256,
                          String siteOrg, long givenAtMillis, boolean withdrawn) {}
