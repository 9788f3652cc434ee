package org.careledger.node.drugs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.careledger.api.Wait;
import org.careledger.api.SubmitResponse;
import org.careledger.consensus.Finality;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;
import org.careledger.ledger.Ledger;
import org.careledger.node.TxService;
import org.careledger.node.auth.Access;
import org.careledger.node.auth.Caller;
import org.careledger.node.auth.RequestAuthenticator;

/**
 * The EPCIS 2.0 REST binding under {@value #BASE}, authenticated like the rest of the API (RFC 9421 signed
 * requests):
 * <ul>
 *   <li>{@code POST /epcis/capture} — a capture: 202 with {@code Location: /epcis/capture/{captureID}};</li>
 *   <li>{@code GET /epcis/capture/{captureID}} — the capture job, with each event's outcome once committed;</li>
 *   <li>{@code GET /epcis/events?…} — SimpleEventQuery over the caller's authorized view, as an
 *       EPCISQueryDocument, {@code perPage} at a time with {@code Link: <…nextPageToken=…>; rel="next"}.</li>
 * </ul>
 *
 * <p><b>The member signs.</b> A ledger entry is signed by the member who makes it and the node holds no member
 * key, so the capture body is not the bare EPCISDocument of the standard but the member's signed
 * {@code supplychain.captureEpcis} transaction (protobuf {@code TxEnvelope}) carrying the document as it was
 * written; the SDK ({@code CareledgerClient.captureEpcis}) wraps a document into it. The document is read and
 * validated against GS1's EPCIS 2.0 JSON schema at admission ({@link EpcisAdmission}), before ordering: a refused
 * document is answered at once (422 with its EPCIS code) and never becomes a capture job.
 */
public final class EpcisRestRoutes implements Consumer<JavalinConfig> {
    public static final String BASE = "/epcis";
    private static final String EPCIS_VERSION = "2.0.0";

    private final TxService txs;
    private final EpcisCaptureJobs jobs;
    private final EpcisEventQuery query;
    private final ObjectMapper json = CanonicalJson.mapper();

    public EpcisRestRoutes(Ledger ledger, Finality finality, TxService txs) {
        this.txs = txs;
        this.jobs = new EpcisCaptureJobs(ledger, finality);
        this.query = new EpcisEventQuery(ledger);
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.post(BASE + "/capture", this::capture);
        cfg.routes.get(BASE + "/capture/{captureID}", this::job);
        cfg.routes.get(BASE + "/events", this::events);
    }

    private void capture(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        TxPayload payload;
        try {
            payload = TxPayload.parseFrom(TxEnvelope.parseFrom(body).getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "the capture body is the member's signed"
                    + " supplychain.captureEpcis transaction (protobuf TxEnvelope), not a bare EPCIS document: the"
                    + " node signs for no one (" + e.getMessage() + ")");
        }
        if (!payload.getContract().equals(SupplyChainContract.NAME) || !payload.getMethod().equals(EpcisAdmission.METHOD)) {
            throw new CareledgerException("BAD_REQUEST", "a capture is a signed supplychain.captureEpcis transaction,"
                    + " not " + payload.getContract() + "." + payload.getMethod());
        }
        SubmitResponse accepted = txs.submit(body, Wait.NONE);
        jobs.accepted(accepted.txId());
        ctx.header("Location", BASE + "/capture/" + accepted.txId());
        write(ctx, 202, EpcisCaptureJob.running(accepted.txId()));
    }

    private void job(Context ctx) {
        EpcisCaptureJobs.Job job = jobs.job(ctx.pathParam("captureID"));
        if (job.tx() != null) {
            Access.requireConsortiumOrSigner(RequestAuthenticator.caller(ctx), job.tx());
        }
        write(ctx, 200, job.view());
    }

    private void events(Context ctx) {
        Caller caller = RequestAuthenticator.caller(ctx);
        Access.requireConsortium(caller, "EPCIS events");
        EpcisEventQuery.Page page = query.run(ctx.queryParamMap(), caller.org());
        if (page.nextPageToken() != null) {
            StringBuilder next = new StringBuilder(BASE + "/events?");
            ctx.queryParamMap().forEach((name, values) -> {
                if (!name.equals("nextPageToken")) {
                    values.forEach(v -> next.append(enc(name)).append('=').append(enc(v)).append('&'));
                }
            });
            next.append("nextPageToken=").append(enc(page.nextPageToken()));
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        write(ctx, 200, page.document());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void write(Context ctx, int status, Object body) {
        try {
            ctx.header("GS1-EPCIS-Version", EPCIS_VERSION).header("GS1-CBV-Version", EPCIS_VERSION);
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }
}
