package org.careledger.epcis.gs1;

/**
 * An EPC that is neither an SGTIN nor an SSCC (e.g. a GIAI, a GRAI, a class-level Digital Link or a private
 * URI). It is kept verbatim so the event survives a round trip, and its type tells callers not to treat it as
 * a medicine pack or a shipment unit.
 */
public record UnrecognizedEpc(String uri) implements Epc {
    public UnrecognizedEpc {
        if (uri == null || uri.isBlank()) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("an EPC must be a non-empty URI");
        }
    }

    @Override
    public String toUri() {
        return uri;
    }
}
