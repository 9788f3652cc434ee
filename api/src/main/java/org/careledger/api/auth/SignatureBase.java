package org.careledger.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.careledger.core.CareledgerException;

/**
 * The exact bytes a request signature covers (RFC 9421 §2.5): one line per covered component, then the
 * {@code @signature-params} line. Client and node build it with this one class, so they cannot drift apart.
 */
public final class SignatureBase {
    private SignatureBase() {}

    /**
     * @param method    the request method
     * @param authority host[:port] as sent in the Host header
     * @param rawPath   the path as sent (percent-encoding kept)
     * @param rawQuery  the query as sent without '?', or null
     * @param headers   a field's value by lowercase name, or null when absent
     */
    public static byte[] of(SignatureParams params, String method, String authority, String rawPath, String rawQuery,
                            UnaryOperator<String> headers) {
        StringBuilder b = new StringBuilder();
        for (String c : params.components()) {
            String value = switch (c) {
                case "@method" -> method.toUpperCase(Locale.ROOT);
                case "@authority" -> authority == null ? null : authority.toLowerCase(Locale.ROOT);
                case "@path" -> rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
                case "@query" -> "?" + (rawQuery == null ? "" : rawQuery);
                case "@target-uri", "@scheme", "@request-target", "@query-param", "@status", "@signature-params" ->
                        throw new CareledgerException("AUTH_INVALID", "covered component \"" + c
                                + "\" is not supported; sign @method, @authority, @path, @query and content-digest");
                default -> headers.apply(c);
            };
            if (value == null) {
                throw new CareledgerException("AUTH_INVALID", "covered component \"" + c + "\" is not in the request");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new CareledgerException("AUTH_INVALID", "covered component \"" + c + "\" holds a line break");
            }
            b.append('"').append(c).append("\": ").append(value.strip()).append('\n');
        }
        b.append("\"@signature-params\": ").append(params.serialize());
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
