/**
 * The research domain's pure logic, for every side that needs it without the contracts or the node (the site's
 * release, the sponsor, the patient's SDK, {@code study prove}, the node's report): HIPAA Safe Harbor
 * de-identification ({@link org.careledger.core.research.SafeHarbor}) under per-study
 * {@link org.careledger.core.research.Pseudonyms}, a patient's per-study {@link org.careledger.core.research.SubjectIds},
 * the released {@link org.careledger.core.research.Dataset} and its RFC 6962 root, and the
 * {@link org.careledger.core.research.OutcomeSwitching} report. The ledger side is contract {@code research}
 * ({@code org.careledger.contracts.research}); the design and threat model are in docs/RESEARCH.md.
 */
package org.careledger.core.research;
