package org.careledger.node.api;

import org.careledger.api.Problem;
import org.careledger.core.CareledgerException;
import org.careledger.core.errors.ErrorCatalogue;

/** Turns careledger errors into RFC 9457 problem bodies, with the status the error catalogue gives each code. */
public final class Problems {
    private Problems() {}

    /** The code's HTTP status, from the one error catalogue (docs/ERRORS.md). */
    public static int status(String code) {
        return ErrorCatalogue.standard().httpStatus(code);
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
            case 406 -> "Not Acceptable";
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
