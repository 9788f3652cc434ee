package org.careledger.node.drugs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.careledger.contracts.supplychain.CaptureEpcisArgs;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.epcis.EpcisSchema;
import org.careledger.ledger.DecodedTx;

/**
 * The admission check of {@code supplychain.captureEpcis}, whatever the route (POST /v1/txs, /v1/txs/batch,
 * /v1/drugs/epcis, /epcis/capture): a document the contract would refuse as a whole (malformed JSON, not EPCIS 2.0,
 * no event list, more than {@link SupplyChainContract#MAX_EVENTS} events) or that does not validate against GS1's
 * EPCIS 2.0 JSON schema is refused before ordering with its EPCIS code (422; ARGS_INVALID 400 for arguments that
 * are not a document): no transaction is ordered, no nonce is spent and the bytes are not kept.
 *
 * <p>The schema check is the node's, not the contract's: blocks are applied without it, so a chain committed before
 * it existed replays alike. Other transactions pass untouched.
 */
public final class EpcisAdmission implements Consumer<DecodedTx> {
    public static final String METHOD = "captureEpcis";

    @Override
    public void accept(DecodedTx tx) {
        if (SupplyChainContract.NAME.equals(tx.payload().getContract()) && METHOD.equals(tx.payload().getMethod())) {
            requireCapturable(tx.payload().getArgs().toByteArray());
        }
    }

    /** Throws the code that refuses the capture, or returns the document's bytes. */
    public static byte[] requireCapturable(byte[] argsBytes) {
        CaptureEpcisArgs args;
        try {
            args = CanonicalJson.decode(argsBytes, CaptureEpcisArgs.class);
        } catch (RuntimeException e) {
            throw new CareledgerException("ARGS_INVALID", "captureEpcis arguments must be {document, shipTo?}: "
                    + e.getMessage());
        }
        if (args == null || args.document() == null || args.document().isBlank()) {
            throw new CareledgerException("ARGS_INVALID", "captureEpcis needs the EPCIS document as text in"
                    + " 'document'");
        }
        byte[] document = args.document().getBytes(StandardCharsets.UTF_8);
        SupplyChainContract.readDocument(document);
        requireSchema(CanonicalJson.tree(document));
        return document;
    }

    /** A document (or each event of a bare event list) against the EPCIS 2.0 JSON schema. */
    static void requireSchema(JsonNode document) {
        if (document.isArray()) {
            document.forEach(EpcisSchema::require);
        } else {
            EpcisSchema.require(document);
        }
    }
}
