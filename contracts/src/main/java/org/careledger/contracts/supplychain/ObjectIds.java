package org.careledger.contracts.supplychain;

import org.careledger.core.CareledgerException;
import org.careledger.core.contract.ContractException;
import org.careledger.epcis.gs1.DigitalLink;
import org.careledger.epcis.gs1.ElementString;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;
import org.careledger.epcis.gs1.UnrecognizedEpc;

/** Reads the identifiers of packs and cases in any GS1 syntax and maps them to state keys. */
public final class ObjectIds {
    private ObjectIds() {}

    /**
     * An SGTIN or SSCC from an EPC URI, a GS1 Digital Link or an element string ({@code (01)…(21)…},
     * {@code (00)…}). Malformed identifiers fail with their GS1 code; other EPCs with {@code EPC_UNSUPPORTED}.
     */
    public static Epc parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ContractException("ARGS_INVALID", "an object identifier is empty");
        }
        Epc epc;
        try {
            if (text.startsWith("urn:") || DigitalLink.looksLikeDigitalLink(text)) {
                epc = Epc.parse(text);
            } else {
                epc = ElementString.parse(text).value("00").isPresent() ? Sscc.fromElementString(text)
                        : Sgtin.fromElementString(text);
            }
        } catch (ContractException e) {
            throw e;
        } catch (CareledgerException e) {
            throw new ContractException(e.code(), "'" + text + "': " + e.getMessage());
        }
        return requireTracked(epc);
    }

    /** The EPC itself when it is a pack or a case; anything else (GIAI, GRAI, class-level links) is refused. */
    public static Epc requireTracked(Epc epc) {
        if (epc instanceof UnrecognizedEpc u) {
            throw unsupported(u);
        }
        return epc;
    }

    public static String key(Epc epc) {
        return switch (epc) {
            case Sgtin s -> SupplyChainKeys.unit(s.gtin().digits(), s.serial());
            case Sscc c -> SupplyChainKeys.container(c.digits());
            case UnrecognizedEpc u -> throw unsupported(u);
        };
    }

    public static String label(Epc epc) {
        return switch (epc) {
            case Sgtin s -> s.toElementString();
            case Sscc c -> c.toElementString();
            case UnrecognizedEpc u -> u.uri();
        };
    }

    private static ContractException unsupported(UnrecognizedEpc u) {
        return new ContractException("EPC_UNSUPPORTED", "'" + u.uri() + "' is neither an SGTIN (a serialized pack)"
                + " nor an SSCC (a case or pallet); the supply chain tracks only those");
    }
}
