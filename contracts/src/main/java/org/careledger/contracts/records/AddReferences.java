package org.careledger.contracts.records;

import java.util.List;

/**
 * Arguments of {@code records.addReferences}: more references of an existing record, for a resource that refers to
 * more records than one transaction carries ({@link RecordsContract#MAX_REFERENCES_PER_TX}), or to a record written
 * after it (a reference cycle inside a Bundle).
 *
 * @param recordId   the record (any unerased version) whose references grow
 * @param references ids of other records of the same patient; ones it already holds are ignored
 */
public record AddReferences(String recordId, List<String> references) {}
