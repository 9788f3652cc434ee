package org.careledger.contracts.records;

import java.util.List;

/**
 * Arguments of {@code records.writeRecords}: several new records (or amendments) in one transaction, each exactly
 * as {@code records.writeRecord} would write it — its own id, data key, wrapped keys, blobs, source key and
 * RecordWritten event — so reads, consent, erasure and exactly-once lookups work per record. All or nothing: one
 * refused record refuses the transaction, and the error names it ({@code records[i] (record r-…)}).
 *
 * @param records at most {@link RecordsContract#MAX_BATCH_RECORDS}, their ciphertexts at most
 *                {@link RecordsContract#MAX_BATCH_BYTES} together and their references at most
 *                {@link RecordsContract#MAX_REFERENCES_PER_TX} together
 */
public record WriteRecords(List<WriteRecord> records) {}
