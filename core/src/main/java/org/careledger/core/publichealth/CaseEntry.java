package org.careledger.core.publichealth;

/**
 * One opened case report as the authority (or an auditor) counts it.
 *
 * @param reportId         the report's id on the ledger
 * @param linkageToken     the keyed token of the person's demographics
 * @param cell             condition, week and area
 * @param reportedAtMillis block time of the report
 */
public record CaseEntry(String reportId, String linkageToken, Cell cell, long reportedAtMillis) {}
