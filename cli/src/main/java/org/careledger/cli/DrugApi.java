package org.careledger.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.client.CareledgerClient;
import org.careledger.contracts.supplychain.SuspectRecord;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;

/** The node's {@code /v1/drugs} endpoints from the CLI; errors come back as the node's coded exceptions. */
final class DrugApi {
    private final CareledgerClient client;

    DrugApi(CareledgerClient client) {
        this.client = client;
    }

    DrugVerification verify(String sgtin) {
        return client.get("v1/drugs/verify?sgtin=" + URLEncoder.encode(sgtin, StandardCharsets.UTF_8),
                DrugVerification.class);
    }

    List<SuspectRecord> suspects(long fromHeight, int limit) {
        return List.of(client.get("v1/drugs/suspects?fromHeight=" + fromHeight + "&limit=" + limit,
                SuspectRecord[].class));
    }

    /** Submits a signed {@code supplychain.captureEpcis} transaction and waits for its block. */
    EpcisCaptureReport captureEpcis(TxEnvelope tx) {
        return client.postProtobuf("v1/drugs/epcis?wait=commit", tx.toByteArray(), EpcisCaptureReport.class);
    }
}
