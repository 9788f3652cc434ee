package org.careledger.api.records;

import org.careledger.api.InclusionProofView;

/**
 * Where a transaction sits in the log, with its RFC 6962 inclusion proof under the header returned alongside.
 *
 * @param txId     hex tx id
 * @param height   block height
 * @param index    position in the block
 * @param logIndex leaf index in the Merkle log
 * @param proof    the inclusion proof, or null if the head did not yet include it
 */
public record ProvenTx(String txId, long height, int index, long logIndex, InclusionProofView proof) {}
