package org.careledger.api.records;

/**
 * The wire form of one entry of a node's read log (the node's {@code reads.ReadEntry}): who read what about which
 * patient through the node's API, when, at which height, hash-chained to the entry before it. The hash covers the
 * canonical JSON of every field but {@code hash} (docs/SECURITY.md, "Read accounting"), so a reader can recompute it.
 *
 * @param seq       the entry's position in the node's log, from 0
 * @param atMillis  the node's wall clock when it answered
 * @param caller    identity id of the reader ({@code hospital-a/dr-lee}, {@code patient/p-…})
 * @param callerOrg the reader's org
 * @param patientId whose data (a pseudonym)
 * @param kind      what was read: RECORD_LIST, DISCLOSURES, CONSENTS, RECORD_KEYS, GRANT_KEYS, REVIEW_QUEUE, …
 * @param subject   the record, grant or org id read, or "" for a list
 * @param height    the ledger height the answer was taken at
 * @param prevHash  the previous entry's hash (64 zeros for seq 0)
 * @param hash      lowercase hex SHA-256 of the entry's canonical bytes
 */
public record ReadLogEntry(long seq, long atMillis, String caller, String callerOrg, String patientId, String kind,
                           String subject, long height, String prevHash, String hash) {}
