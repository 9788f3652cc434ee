package org.careledger.client.drugs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.client.CareledgerClient;
import org.careledger.client.GenesisNodes;
import org.careledger.client.TxSigner;
import org.careledger.contracts.supplychain.CaptureEpcisArgs;
import org.careledger.contracts.supplychain.SuspectRecord;
import org.careledger.core.proto.TxEnvelope;

/**
 * The drug supply chain from Java ({@code /v1/drugs}): is this pack genuine, with its custody history and the
 * inclusion proofs to check it by ({@link #verify}, {@link #checkProofs}); EPCIS 2.0 capture; the suspect events.
 * Errors come back as the node's coded exceptions.
 */
public final class DrugClient {
    private final CareledgerClient client;

    public DrugClient(CareledgerClient client) {
        this.client = client;
    }

    /** The verdict on a pack (SGTIN URN, GS1 Digital Link or element string) with its evidence. */
    public DrugVerification verify(String sgtin) {
        return client.get("v1/drugs/verify?sgtin=" + URLEncoder.encode(sgtin, StandardCharsets.UTF_8),
                DrugVerification.class);
    }

    /**
     * Checks a verify answer's proofs against the genesis node keys: the header's quorum certificate, and every
     * custody (and recall) transaction's inclusion under it. Anything forged throws.
     */
    public static DrugProofCheck.Checked checkProofs(DrugVerification v, GenesisNodes nodes) {
        return DrugProofCheck.check(v, nodes);
    }

    /** Suspect events (attempts to use cloned, unknown or spent serials) from a height on, at most {@code limit}. */
    public List<SuspectRecord> suspects(long fromHeight, int limit) {
        return List.of(client.get("v1/drugs/suspects?fromHeight=" + fromHeight + "&limit=" + limit,
                SuspectRecord[].class));
    }

    /** Submits a signed {@code supplychain.captureEpcis} transaction and waits for its block. */
    public EpcisCaptureReport captureEpcis(TxEnvelope tx) {
        return client.postProtobuf("v1/drugs/epcis?wait=commit", tx.toByteArray(), EpcisCaptureReport.class);
    }

    /**
     * Signs an EPCIS 2.0 JSON/JSON-LD document as {@code signer} and captures it: each event's outcome (valid events
     * commit, rejected ones say why). {@code shipTo} names the receiving org for shipping events whose destination
     * names no known org (or null).
     */
    public EpcisCaptureReport captureEpcis(TxSigner signer, String epcisDocument, String shipTo) {
        return new DrugClient(client.as(signer.requestSigner())).captureEpcis(signer.sign("supplychain",
                "captureEpcis", new CaptureEpcisArgs(epcisDocument, shipTo)));
    }
}
