package org.careledger.client.auth;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.careledger.api.auth.ContentDigest;
import org.careledger.api.auth.SignatureAlgorithms;
import org.careledger.api.auth.SignatureBase;
import org.careledger.api.auth.SignatureParams;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;

/**
 * Signs API requests as one ledger identity (an org admin, member or node, a patient or guardian) with the key the
 * ledger holds for it. Each request gets a fresh nonce and the current time, so a node can refuse a replayed request.
 *
 * @param keyId  the identity id the node looks the key up by ({@code hospital-a/dr-lee}, {@code patient/p-…})
 * @param signer that identity's private key
 */
public record RequestSigner(String keyId, Signer signer) {
    /** The label careledger gives its one signature. */
    public static final String LABEL = SignatureParams.CARELEDGER_LABEL;
    private static final SecureRandom RANDOM = new SecureRandom();

    public RequestSigner {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signer, "signer");
    }

    /** The headers that authenticate a request: Content-Digest (with a body), Signature-Input and Signature. */
    public Map<String, String> headers(String method, URI uri, byte[] body) {
        return headers(method, uri, body, System.currentTimeMillis() / 1000);
    }

    /** As {@link #headers(String, URI, byte[])}, dated {@code createdSeconds} (Unix time) rather than now. */
    public Map<String, String> headers(String method, URI uri, byte[] body, long createdSeconds) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> components = new ArrayList<>(List.of("@method", "@authority", "@path", "@query"));
        if (body != null) {
            out.put(ContentDigest.HEADER, ContentDigest.of(body));
            components.add("content-digest");
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        SignatureParams params = new SignatureParams(LABEL, components, createdSeconds,
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), keyId,
                SignatureAlgorithms.name(signer.algorithm()));
        byte[] base = SignatureBase.of(params, method, uri.getRawAuthority(), uri.getRawPath(), uri.getRawQuery(),
                name -> name.equals("content-digest") ? out.get(ContentDigest.HEADER) : null);
        byte[] signature = signer.sign(base);
        if (signer.algorithm() == SignatureAlgorithm.ECDSA_P256) {
            signature = org.careledger.crypto.EcdsaP256Signer.toP1363(signature);
        }
        out.put("Signature-Input", params.header());
        out.put("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
        return out;
    }

    @Override
    public String toString() {
        return "RequestSigner[" + keyId + ", " + signer.algorithm().id().toLowerCase(Locale.ROOT) + "]";
    }
}
