package org.careledger.node.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.Consumer;
import org.careledger.api.Wait;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;
import org.careledger.node.TxService;
import org.careledger.node.drugs.DrugVerifier;
import org.careledger.node.drugs.QueryNumbers;

/**
 * The drug supply chain's endpoints, added to the API through {@link ApiServer}'s extra-routes hook:
 * <ul>
 *   <li>{@code GET /v1/drugs/verify?sgtin=…} — pharmacy verification with custody history and proofs;</li>
 *   <li>{@code POST /v1/drugs/epcis[?wait=commit|final|none]} — a signed {@code supplychain.captureEpcis}
 *       transaction (protobuf TxEnvelope), answered with per-event outcomes;</li>
 *   <li>{@code GET /v1/drugs/suspects[?fromHeight=H][&limit=N]} — suspect events for the authority.</li>
 * </ul>
 * Errors are thrown as {@link CareledgerException}s; the server turns them into RFC 9457 problems.
 */
public final class DrugRoutes implements Consumer<JavalinConfig> {
    private static final int MAX_SUSPECTS_PER_PAGE = 1_000;
    private static final java.util.function.Function<String, CareledgerException> BAD_REQUEST =
            m -> new CareledgerException("BAD_REQUEST", m);

    private final DrugVerifier verifier;
    private final TxService txs;
    private final com.fasterxml.jackson.databind.ObjectMapper json = CanonicalJson.mapper();

    public DrugRoutes(DrugVerifier verifier, TxService txs) {
        this.verifier = verifier;
        this.txs = txs;
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.get("/v1/drugs/verify", ctx -> write(ctx, 200, verifier.verify(ctx.queryParam("sgtin"),
                ctx.queryParam("lot"), ctx.queryParam("expiry"))));
        cfg.routes.post("/v1/drugs/epcis", this::captureEpcis);
        cfg.routes.get("/v1/drugs/suspects", ctx -> write(ctx, 200, suspects(ctx)));
    }

    /** Suspect events name trading partners and their findings: for the consortium's orgs, not for patients. */
    private Object suspects(Context ctx) {
        org.careledger.node.auth.Access.requireConsortium(org.careledger.node.auth.RequestAuthenticator.caller(ctx),
                "suspect events");
        return verifier.suspects(
                QueryNumbers.wholeNumber(ctx.queryParam("fromHeight"), "fromHeight", 0, Long.MAX_VALUE, 0, BAD_REQUEST),
                (int) QueryNumbers.wholeNumber(ctx.queryParam("limit"), "limit", 1, MAX_SUSPECTS_PER_PAGE, 100,
                        BAD_REQUEST));
    }

    private void captureEpcis(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        TxPayload payload;
        try {
            payload = TxPayload.parseFrom(TxEnvelope.parseFrom(body).getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "body is not a protobuf TxEnvelope: " + e.getMessage());
        }
        if (!payload.getContract().equals(SupplyChainContract.NAME) || !payload.getMethod().equals("captureEpcis")) {
            throw new CareledgerException("BAD_REQUEST", "this endpoint takes a signed supplychain.captureEpcis"
                    + " transaction, not " + payload.getContract() + "." + payload.getMethod()
                    + "; submit other transactions to POST /v1/txs");
        }
        // the document is checked by admission (EpcisAdmission) before ordering, as on every route
        Wait wait = ApiServer.parseWait(ctx.queryParam("wait"));
        EpcisCaptureReport report = org.careledger.node.drugs.EpcisCaptureReports.of(txs.submit(body, wait));
        write(ctx, wait == Wait.NONE ? 202 : 200, report);
    }

    private void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }
}
