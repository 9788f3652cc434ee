package org.careledger.api.drugs;

import java.util.List;
import org.careledger.api.HeaderView;
import org.careledger.api.InclusionProofView;
import org.careledger.contracts.supplychain.SuspectRecord;

/**
 * The answer to "is this pack genuine?", with the evidence: the pack as the ledger keeps it, its custody
 * history, and for every transaction in it an RFC 6962 inclusion proof under {@code header}, so a client can
 * check the history against a certified header instead of trusting the node.
 *
 * @param verdict GENUINE, UNKNOWN, ALREADY_DISPENSED, DECOMMISSIONED, RECALLED, STOLEN, EXPIRED, LOT_MISMATCH or
 *                EXPIRY_MISMATCH
 * @param reason one sentence saying why
 * @param referenceTimeMillis the time expiry is judged at: the node's latest block time (genesis time before the
 *                            first block), never the node's clock
 * @param referenceDate the UTC date of {@code referenceTimeMillis}; a pack expiring that day is still GENUINE
 * @param unit the pack, absent when UNKNOWN
 * @param history the latest custody events (at most the node's {@code DrugVerifier.MAX_HISTORY}), oldest first
 * @param historyTotal how many custody events the pack has in all
 * @param suspects suspect events that named this pack (attempts to use a cloned, unknown or spent serial), newest last
 * @param header the header all proofs are against (absent before the first block)
 * @param labelLot the lot the label carries (identifier or lot field), null when it carries none
 * @param labelExpiry the expiry the label carries, {@code yyyy-MM-dd}, null when it carries none
 * @param mismatches which identifiers of the label differ from what was commissioned (lot first); empty otherwise
 */
public record DrugVerification(String query, String verdict, String reason, String sgtin, String gtin, String serial,
                               String digitalLink, long referenceTimeMillis, String referenceDate, Unit unit, Lot lot,
                               List<CustodyStep> history, long historyTotal, List<SuspectRecord> suspects,
                               HeaderView header, String labelLot, String labelExpiry,
                               List<Mismatch> mismatches) {
    public DrugVerification {
        history = history == null ? List.of() : List.copyOf(history);
        suspects = suspects == null ? List.of() : List.copyOf(suspects);
        mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
    }

    /** One identifier of the label that is not what was commissioned: {@code lot} or {@code expiry}. */
    public record Mismatch(String identifier, String labelled, String commissioned) {}

    /**
     * The pack as kept on the ledger.
     *
     * @param status the effective status: RECALLED for an active or in-transit pack of a recalled lot
     * @param container the case it is packed in, as an element string
     */
    public record Unit(String status, String owner, String location, String container, String shippedTo,
                       String shippedFrom, String lot, String expiry, String commissionedBy,
                       long commissionedAtMillis, long updatedAtMillis) {}

    /** The pack's lot, and its recall with the recall transaction's proof. */
    public record Lot(String lot, String expiry, String manufacturer, long units, boolean recalled,
                      String recallReason, String recalledBy, long recalledAtMillis, String recallTxId,
                      Proven recallProof) {}

    /**
     * One custody event and the proof that its transaction is in the ledger.
     *
     * @param eventIndex position in a capture list, -1 for a single-event transaction
     * @param timeMillis the block time: what the ledger vouches for
     * @param eventTime the EPCIS eventTime the sender declared (ISO-8601), null for non-EPCIS events
     * @param eventTimeZoneOffset the EPCIS eventTimeZoneOffset, null for non-EPCIS events
     * @param readPoint the EPCIS readPoint, when given
     * @param bizLocation the EPCIS bizLocation, when given
     */
    public record CustodyStep(long seq, String kind, String org, String signer, String location, String detail,
                              long timeMillis, int eventIndex, String eventId, String txId, Proven proof,
                              String eventTime, String eventTimeZoneOffset, String readPoint, String bizLocation) {}

    /** Where a transaction is (block height, index, log position) and its inclusion proof; null proof if newer. */
    public record Proven(long height, int txIndex, long logIndex, InclusionProofView inclusion) {}
}
