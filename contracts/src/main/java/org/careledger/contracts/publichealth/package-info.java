/**
 * Contract {@code publichealth} (domain {@code publichealth}, state under {@code health/}); docs/PUBLIC_HEALTH.md.
 *
 * <table>
 * <caption>methods</caption>
 * <tr><th>method</th><th>signer</th><th>arguments</th><th>refusals</th></tr>
 * <tr><td>publishTriggers</td><td>authority (org role {@code authority})</td><td>{@code {list: TriggerList}}</td>
 *     <td>HEALTH_NOT_AUTHORITY, HEALTH_TRIGGERS_INVALID, HEALTH_TRIGGERS_VERSION_INVALID</td></tr>
 * <tr><td>distributeKey</td><td>authority</td><td>{@code {epoch, org, keysSha256}}: epoch = current (one more org)
 *     or current + 1 (rotation)</td><td>HEALTH_EPOCH_INVALID, HEALTH_ORG_INVALID, HEALTH_HASH_INVALID</td></tr>
 * <tr><td>submitReport</td><td>member or admin of a hospital or lab</td><td>{@code {reportId, patientId, recordId,
 *     triggerVersion, linkageEpoch, cellCommitment, ciphertextSha256, keysSha256}}</td><td>HEALTH_NOT_REPORTER,
 *     HEALTH_RECORD_INVALID, HEALTH_TRIGGERS_NOT_IN_FORCE, HEALTH_EPOCH_INVALID, HEALTH_KEY_NOT_HELD,
 *     HEALTH_REPORT_EXISTS, HEALTH_ID_INVALID, HEALTH_HASH_INVALID</td></tr>
 * <tr><td>respond</td><td>the report's authority</td><td>{@code {reportId, status, ciphertextSha256?, keysSha256?}}
 *     </td><td>HEALTH_REPORT_UNKNOWN, HEALTH_RESPONSE_INVALID</td></tr>
 * <tr><td>publishAggregate</td><td>authority</td><td>{@code {aggregateId, periodStartMillis, periodEndMillis,
 *     reportIds, cases, tables, measureReportSha256}}</td><td>HEALTH_AGGREGATE_EXISTS, HEALTH_AGGREGATE_INVALID,
 *     HEALTH_AGGREGATE_INCOMPLETE, HEALTH_SUPPRESSION_VIOLATED</td></tr>
 * <tr><td>shareAudit</td><td>the aggregate's authority</td><td>{@code {aggregateId, org, keysSha256}}</td>
 *     <td>HEALTH_AGGREGATE_UNKNOWN, HEALTH_ORG_INVALID</td></tr>
 * </table>
 *
 * <p>Keys: {@code health/triggers/<version>}, {@code health/epoch}, {@code health/key/<epoch>/<org>},
 * {@code health/report/<reportId>}, {@code health/report-by-record/<recordId>},
 * {@code health/reportable/<reportedAt>/<reportId>}, {@code health/aggregate/<aggregateId>},
 * {@code health/audit/<aggregateId>/<org>}; a report also writes its PUBHLTH {@code Disclosure} under
 * {@code access/<reportId>} and {@code patient-disclosures/<patientId>/…} (shared with domain {@code access}) and
 * claims its blobs under records' {@code blob-claim/}.
 */
package org.careledger.contracts.publichealth;
