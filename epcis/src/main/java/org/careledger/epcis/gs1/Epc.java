package org.careledger.epcis.gs1;

/**
 * An entry of an EPCIS epcList, childEPCs or parentID: a serialized pack ({@link Sgtin}), a logistic unit
 * ({@link Sscc}), or any other URI, which is kept verbatim and flagged ({@link UnrecognizedEpc}) so that a
 * document with, say, a returnable-asset identifier is still readable.
 */
public sealed interface Epc permits Sgtin, Sscc, UnrecognizedEpc {

    /** The URI to write into an EPCIS document: the EPC URI when the company prefix is known, else Digital Link. */
    String toUri();

    /**
     * Classifies an EPC. SGTIN and SSCC EPC URIs and Digital Links must be valid (a wrong check digit is an error,
     * not an unknown identifier); anything else is returned as {@link UnrecognizedEpc}.
     */
    static Epc parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("an EPC must be a non-empty URI");
        }
        if (EpcUrn.looksLikeEpcUrn(uri)) {
            EpcUrn urn = EpcUrn.parse(uri);
            if (urn.kind().equals("id") && urn.scheme().equals("sgtin")) {
                return Sgtin.fromEpcUri(uri);
            }
            if (urn.kind().equals("id") && urn.scheme().equals("sscc")) {
                return Sscc.fromEpcUri(uri);
            }
            return new UnrecognizedEpc(uri);
        }
        return DigitalLink.find(uri)
                .<Epc>map(link -> switch (link.primaryAi()) {
                    case "01" -> link.qualifiers().containsKey("21") ? Sgtin.fromDigitalLink(link) : null;
                    case "00" -> Sscc.fromDigitalLink(link);
                    default -> null;
                })
                .orElseGet(() -> new UnrecognizedEpc(uri));
    }
}
