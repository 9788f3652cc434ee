package org.careledger.node.auth;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.careledger.api.auth.ContentDigest;
import org.careledger.api.auth.SignatureAlgorithms;
import org.careledger.api.auth.SignatureBase;
import org.careledger.api.auth.SignatureParams;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.Identity;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.ledger.Ledger;

/**
 * Authenticates every API request but the anonymous ones: the request must carry an RFC 9421 signature by a key the
 * ledger holds for the {@code keyid} identity, covering the method, authority, path and query (and, with a body, an
 * RFC 9530 Content-Digest), made within {@link #MAX_SKEW_SECONDS} of the node's clock, with a nonce not seen before.
 * Headers are checked before any body byte is read, so an unauthenticated client cannot make the node buffer a body.
 */
public final class RequestAuthenticator {
    /** How far a signature's {@code created} may be from the node's clock, either way. */
    public static final long MAX_SKEW_SECONDS = 300;
    /** Components every signature must cover. */
    public static final List<String> REQUIRED = List.of("@method", "@authority", "@path", "@query");
    public static final String CALLER_ATTRIBUTE = "careledger.caller";
    /** What a 401 tells the client to send (RFC 9421 §5.1). */
    public static final String ACCEPT_SIGNATURE = SignatureParams.CARELEDGER_LABEL
            + "=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\");alg=\"ed25519\"";

    private final Ledger ledger;
    private final Set<String> anonymousPaths;
    private final NonceCache nonces;
    private final Clock clock;

    public RequestAuthenticator(Ledger ledger, Set<String> anonymousPaths, Clock clock) {
        this.ledger = ledger;
        this.anonymousPaths = Set.copyOf(anonymousPaths);
        this.nonces = new NonceCache(1_000_000);
        this.clock = clock;
    }

    public boolean isAnonymous(Context ctx) {
        // the explorer's page files carry no data: its data calls are signed like any other
        return anonymousPaths.contains(ctx.path())
                || org.careledger.node.web.WebAssets.isAsset(ctx.method().name(), ctx.path());
    }

    /** The caller of a request that {@link #authenticate} accepted. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(CALLER_ATTRIBUTE);
        if (c == null) {
            throw new CareledgerException("AUTH_REQUIRED", "this endpoint answers authenticated callers only");
        }
        return c;
    }

    /** Checks the signature headers (not the body); on success the caller is attached to the request. */
    public void authenticate(Context ctx) {
        if (isAnonymous(ctx)) {
            return;
        }
        String input = ctx.header("Signature-Input");
        String signatureHeader = ctx.header("Signature");
        if (input == null && signatureHeader == null) {
            throw new CareledgerException("AUTH_REQUIRED", ctx.method() + " " + ctx.path() + " needs a signed request"
                    + " (RFC 9421 Signature-Input and Signature headers by a ledger identity's key); only "
                    + String.join(", ", anonymousPaths.stream().sorted().toList()) + " answer anonymous callers");
        }
        SignatureParams params = SignatureParams.parse(input);
        byte[] signature = signatureValue(signatureHeader, params.label());
        for (String c : REQUIRED) {
            if (!params.components().contains(c)) {
                throw new CareledgerException("AUTH_INVALID", "the signature must cover " + String.join(", ", REQUIRED)
                        + (hasBody(ctx) ? " and content-digest" : "") + "; it does not cover " + c);
            }
        }
        if (hasBody(ctx) && !params.components().contains("content-digest")) {
            throw new CareledgerException("AUTH_INVALID", "a request with a body must sign its Content-Digest");
        }
        long now = clock.millis();
        if (Math.abs(now / 1000 - params.created()) > MAX_SKEW_SECONDS) {
            throw new CareledgerException("AUTH_EXPIRED", "the signature was created at " + params.created()
                    + " (Unix seconds); the node's clock says " + now / 1000 + " and accepts " + MAX_SKEW_SECONDS
                    + " s either way: check the client's clock");
        }
        SignatureAlgorithm alg = SignatureAlgorithms.of(params.alg());
        Identity identity = ledger.identity(params.keyId()).orElseThrow(() -> new CareledgerException(
                "AUTH_UNKNOWN_IDENTITY", "no identity '" + params.keyId() + "' on the ledger (unregistered or revoked)"));
        if (!identity.algorithm().equals(alg.name())) {
            throw new CareledgerException("AUTH_INVALID", params.keyId() + " holds a " + identity.algorithm()
                    + " key, not " + params.alg());
        }
        byte[] base = SignatureBase.of(params, ctx.method().name(), ctx.header("Host"), ctx.req().getRequestURI(),
                ctx.req().getQueryString(), name -> ctx.header(name));
        if (!SignatureVerifier.verifyP1363(alg, identity.publicKey(), base, signature)) {
            throw new CareledgerException("AUTH_INVALID", "the request signature does not verify under the key of "
                    + params.keyId());
        }
        // only a verified request spends a nonce, so nobody can burn another caller's nonces
        switch (nonces.remember(params.keyId(), params.nonce(), (params.created() + MAX_SKEW_SECONDS + 1) * 1000, now)) {
            case REPLAYED -> throw new CareledgerException("AUTH_REPLAY", "this signed request (nonce "
                    + params.nonce() + ") was already received; sign each request afresh");
            case FULL -> throw new CareledgerException("NODE_BUSY", "too many signed requests in flight; retry shortly");
            case FRESH -> { }
        }
        ctx.attribute(CALLER_ATTRIBUTE, new Caller(identity));
    }

    /** After the body is read: its bytes must be the ones the signature's Content-Digest names. */
    public void checkDigest(Context ctx) {
        if (isAnonymous(ctx) || !hasBody(ctx)) {
            return;
        }
        if (!ContentDigest.matches(ctx.header(ContentDigest.HEADER), ctx.bodyAsBytes())) {
            throw new CareledgerException("AUTH_INVALID", "the body does not match the signed Content-Digest");
        }
    }

    private static boolean hasBody(Context ctx) {
        String length = ctx.header("Content-Length");
        return ctx.header("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    private static byte[] signatureValue(String header, String label) {
        String prefix = label + "=:";
        if (header == null || !header.strip().startsWith(prefix) || !header.strip().endsWith(":")) {
            throw new CareledgerException("AUTH_INVALID", "the Signature header must be " + label + "=:BASE64:");
        }
        String b64 = header.strip().substring(prefix.length(), header.strip().length() - 1);
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new CareledgerException("AUTH_INVALID", "the Signature header is not base64");
        }
    }
}
