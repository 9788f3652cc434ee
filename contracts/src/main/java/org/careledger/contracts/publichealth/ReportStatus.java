package org.careledger.contracts.publichealth;

/** A case report's reportability status. */
public enum ReportStatus {
    /** submitted, not answered yet */
    SUBMITTED,
    /** the authority counts it */
    REPORTABLE,
    /** not a reportable case */
    NOT_REPORTABLE,
    /** the authority asks the reporter for more information; a final answer follows */
    NEEDS_INFO
}
