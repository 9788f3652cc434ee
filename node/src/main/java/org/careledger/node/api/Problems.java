package org.careledger.node.api;

import java.util.Map;
import org.careledger.client.api.Problem;
import org.careledger.core.CareledgerException;

/** Maps careledger error codes to HTTP statuses and RFC 9457 problem bodies. */
public final class Problems {
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("TX_MALFORMED", 400), Map.entry("MALFORMED_JSON", 400), Map.entry("BAD_REQUEST", 400),
            Map.entry("TX_WRONG_CHAIN", 400), Map.entry("PROOF_OUT_OF_RANGE", 400), Map.entry("ARGS_INVALID", 400),
            Map.entry("BAD_MIN_HEIGHT", 400),
            Map.entry("TX_SIGNATURE_INVALID", 401), Map.entry("TX_UNKNOWN_SIGNER", 401),
            Map.entry("AUTH_REQUIRED", 401), Map.entry("AUTH_INVALID", 401), Map.entry("AUTH_EXPIRED", 401),
            Map.entry("AUTH_REPLAY", 401), Map.entry("AUTH_UNKNOWN_IDENTITY", 401),
            Map.entry("ACCESS_DENIED", 403), Map.entry("FORBIDDEN", 403),
            Map.entry("NOT_FOUND", 404), Map.entry("BLOCK_NOT_FOUND", 404), Map.entry("TX_NOT_FOUND", 404),
            Map.entry("ACCESS_NOT_FOUND", 404), Map.entry("CAPTURE_NOT_FOUND", 404),
            Map.entry("EPCIS_QUERY_PARAMETER_INVALID", 400),
            Map.entry("METHOD_NOT_ALLOWED", 405),
            Map.entry("TX_REPLAY", 409),
            Map.entry("TX_TOO_LARGE", 413), Map.entry("PAYLOAD_TOO_LARGE", 413), Map.entry("BLOB_TOO_LARGE", 413),
            Map.entry("URI_TOO_LONG", 414), Map.entry("UNSUPPORTED_MEDIA_TYPE", 415),
            Map.entry("HEADERS_TOO_LARGE", 431), Map.entry("INTERNAL_ERROR", 500),
            Map.entry("NODE_BUSY", 503), Map.entry("NO_LEADER", 503), Map.entry("NODE_HALTED", 503),
            Map.entry("NODE_BEHIND", 503), Map.entry("NODE_CATCHING_UP", 503), Map.entry("NODE_DEGRADED", 503),
            Map.entry("COMMIT_TIMEOUT", 504));

    private Problems() {}

    public static int status(String code) {
        return STATUS.getOrDefault(code, code.startsWith("STORE_") ? 500 : 422);
    }

    public static Problem of(CareledgerException e, String instance) {
        int status = status(e.code());
        return new Problem("https://careledger.org/problems/" + e.code().toLowerCase().replace('_', '-'),
                title(status), status, e.getMessage(), e.code(), instance);
    }

    /** A rejection the HTTP layer (Javalin or Jetty) made itself, before any handler ran. */
    public static Problem of(int status, String detail, String instance) {
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 431 -> "HEADERS_TOO_LARGE";
            default -> "HTTP_" + status; // listed in docs/API.md as the fallback for any other HTTP-level status
        };
        return new Problem("https://careledger.org/problems/" + code.toLowerCase().replace('_', '-'), title(status),
                status, detail, code, instance);
    }

    public static Problem internal(String instance) {
        return new Problem("https://careledger.org/problems/internal-error", "Internal Server Error", 500,
                "the node failed to handle the request; see its log", "INTERNAL_ERROR", instance);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 500 -> "Internal Server Error";
            default -> org.eclipse.jetty.http.HttpStatus.getMessage(status);
        };
    }
}
