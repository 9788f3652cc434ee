package org.careledger.epcis.gs1;

/** The three ways a GS1 key is written; {@code parse} methods dispatch on it so callers need not know. */
enum IdentifierSyntax {
    EPC_URI,
    DIGITAL_LINK,
    ELEMENT_STRING;

    static IdentifierSyntax of(String text) {
        if (EpcUrn.looksLikeEpcUrn(text)) {
            return EPC_URI;
        }
        if (DigitalLink.looksLikeDigitalLink(text)) {
            return DIGITAL_LINK;
        }
        if (ElementString.looksLikeElementString(text)) {
            return ELEMENT_STRING;
        }
        throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception("'" + text + "' is neither an EPC URI (urn:epc:...),"
                + " a GS1 Digital Link (https://...) nor a GS1 element string ((01)...)");
    }
}
