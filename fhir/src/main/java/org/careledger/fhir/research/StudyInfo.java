package org.careledger.fhir.research;

import java.util.List;
import org.careledger.core.research.Outcome;

/**
 * What the ResearchStudy export needs of a registered study (the contract's state, without the contracts module):
 * the current version's protocol hash and outcomes; {@code closed} when no subject can still be enrolled.
 */
public record StudyInfo(String studyId, String title, String sponsorOrg, List<String> sites, int version,
                        String protocolSha256, String protocolMediaType, List<Outcome> outcomes, long startsAtMillis,
                        boolean closed) {}
