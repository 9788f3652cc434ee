package org.careledger.core.research;

/**
 * One outcome of a study as registered: its id (stable across versions), kind, what it is in words and how it is
 * measured (e.g. "HbA1c change from baseline at 24 weeks", "percent points").
 */
public record Outcome(String outcomeId, OutcomeKind kind, String text, String measure) {}
