package org.careledger.node.drugs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.careledger.api.SubmitResponse;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.consensus.Finality;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxLocation;
import org.careledger.core.proto.TxPayload;
import org.careledger.core.proto.TxResult;
import org.careledger.ledger.Ledger;
import org.careledger.node.views.Views;

/**
 * Capture jobs: a committed {@code captureEpcis} transaction is read back from the ledger (so any node answers for
 * it once it has the block); one accepted by this node and not yet in a block is "running". The ids accepted here
 * are kept in memory only (the newest {@value #MAX_PENDING}); an id this node neither accepted nor committed is
 * {@code CAPTURE_NOT_FOUND}.
 */
public final class EpcisCaptureJobs {
    static final int MAX_PENDING = 10_000;

    private final Ledger ledger;
    private final Finality finality;
    private final Map<String, Boolean> accepted = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_PENDING;
        }
    });

    public EpcisCaptureJobs(Ledger ledger, Finality finality) {
        this.ledger = ledger;
        this.finality = finality;
    }

    /** Records a capture this node accepted for ordering. */
    public void accepted(String captureId) {
        accepted.put(captureId, Boolean.TRUE);
    }

    /** The job and the transaction it is (null while running), or CAPTURE_NOT_FOUND. */
    public Job job(String captureId) {
        Hash id;
        try {
            id = Hash.fromHex(captureId.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw notFound(captureId);
        }
        Optional<TxLocation> loc = ledger.location(id);
        if (loc.isEmpty()) {
            if (accepted.containsKey(id.hex())) {
                return new Job(EpcisCaptureJob.running(id.hex()), null);
            }
            throw notFound(captureId);
        }
        Block block = ledger.block(loc.get().getHeight()).orElseThrow(() ->
                new CareledgerException("STORE_CORRUPTED", "tx index points at missing block " + loc.get().getHeight()));
        TxEnvelope env = block.getTxs(loc.get().getIndex());
        TxPayload payload;
        try {
            payload = TxPayload.parseFrom(env.getPayload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CareledgerException("STORE_CORRUPTED", "committed transaction " + id.hex() + " does not parse");
        }
        if (!payload.getContract().equals(SupplyChainContract.NAME) || !payload.getMethod().equals(EpcisAdmission.METHOD)) {
            throw notFound(captureId);
        }
        TxResult r = block.getResults(loc.get().getIndex());
        long height = loc.get().getHeight();
        var header = Views.parse(block);
        String status = finality.finalHeight() >= height ? "FINAL" : "COMMITTED";
        EpcisCaptureReport report = EpcisCaptureReports.of(new SubmitResponse(id.hex(), status, height,
                loc.get().getIndex(), Hash.sha256(block.getHeader().toByteArray()).hex(), r.getCode().name(),
                r.getErrorCode(), r.getMessage(), Views.events(r.getEventsList())));
        return new Job(EpcisCaptureJob.finished(report, header.getTimestampMillis()), env);
    }

    /** A job and, once committed, its transaction (for the caller's access check). */
    public record Job(EpcisCaptureJob view, TxEnvelope tx) {}

    private static CareledgerException notFound(String captureId) {
        return new CareledgerException("CAPTURE_NOT_FOUND", "no capture job " + captureId + " on this node: a"
                + " capture id is the 64-hex transaction id answered by POST /epcis/capture");
    }
}
