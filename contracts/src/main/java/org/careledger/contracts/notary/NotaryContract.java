package org.careledger.contracts.notary;

import org.careledger.contracts.Args;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;

/** {@code notary.anchor}: first anchor of an org's document id wins; a second one is refused, not overwritten. */
public final class NotaryContract implements Contract {
    public static final String NAME = "notary";
    /** {@code anchor/<org>/<documentId>}: the {@link DocumentAnchor}. */
    public static final String ANCHOR_PREFIX = "anchor/";
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    // compiled once: String.matches compiles its pattern on every call, and this runs for every anchor
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(ID_PATTERN);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        if (!method.equals("anchor")) {
            throw new ContractException("METHOD_UNKNOWN", "notary has no method '" + method + "'");
        }
        AnchorDocument a = Args.decode(args, AnchorDocument.class);
        Identity signer = ctx.signer();
        if (signer.kind() != Identity.Kind.MEMBER && signer.kind() != Identity.Kind.ORG_ADMIN) {
            throw new ContractException("NOT_ORG_MEMBER", signer.id() + " cannot anchor documents for an org");
        }
        if (a.documentId() == null || !ID.matcher(a.documentId()).matches()) {
            throw new ContractException("DOCUMENT_ID_INVALID", "documentId must match " + ID_PATTERN);
        }
        if (a.sha256() == null || !Hash.isLowercaseHex(a.sha256())) {
            throw new ContractException("DOCUMENT_HASH_INVALID", "sha256 must be 64 lowercase hex characters");
        }
        String key = ANCHOR_PREFIX + signer.org() + "/" + a.documentId();
        if (ctx.state().get(key).isPresent()) {
            throw new ContractException("ANCHOR_EXISTS", "document " + a.documentId() + " of " + signer.org()
                    + " is already anchored");
        }
        String kind = a.kind() == null ? "" : a.kind();
        DocumentAnchor anchor = new DocumentAnchor(signer.org(), a.documentId(), a.sha256(), kind, signer.id(),
                ctx.blockTimeMillis(), ctx.blockHeight());
        byte[] json = CanonicalJson.encode(anchor);
        ctx.state().put(key, json);
        ctx.emitEncoded("DocumentAnchored", json); // the event is the stored anchor: encode it once
    }
}
