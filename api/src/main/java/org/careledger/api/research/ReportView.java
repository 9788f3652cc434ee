package org.careledger.api.research;

import org.careledger.core.research.OutcomeSwitching;

/** {@code GET /v1/research/studies/{studyId}/report}: the outcome-switching report at a height. Public. */
public record ReportView(OutcomeSwitching.Report report, long height) {}
