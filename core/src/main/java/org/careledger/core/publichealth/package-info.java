/**
 * Public-health reporting's pure logic, for every side that needs it without a contract or a node: trigger lists and
 * matching ({@link org.careledger.core.publichealth.TriggerList}), demographic normalization and keyed linkage
 * tokens ({@link org.careledger.core.publichealth.Demographics}, {@link org.careledger.core.publichealth.LinkageTokens}),
 * the aggregation cell and its commitment ({@link org.careledger.core.publichealth.Cell}), primary and complementary
 * small-cell suppression ({@link org.careledger.core.publichealth.Suppression}) and de-duplicated aggregation
 * ({@link org.careledger.core.publichealth.Aggregation}). The ledger side is contract {@code publichealth}; the design
 * and threat model are in docs/PUBLIC_HEALTH.md.
 */
package org.careledger.core.publichealth;
