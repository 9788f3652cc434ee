package org.careledger.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.careledger.api.Problem;
import org.careledger.core.json.CanonicalJson;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before Javalin sees the request (a request line or URI it cannot parse, headers or
 * URI too large, an ambiguous path such as {@code %00}), are RFC 9457 problems like every other answer, not Jetty's
 * HTML page. One handler goes on the server (parser errors), one on the servlet context (URI checks made there).
 */
final class JettyErrors {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = CanonicalJson.mapper();

    private static final HttpField PROBLEM_JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/problem+json");

    private JettyErrors() {}

    static void install(Server server) {
        server.setErrorHandler(new ServerLevel());
    }

    static void install(org.eclipse.jetty.ee10.servlet.ServletContextHandler context) {
        context.setErrorHandler(new ContextLevel());
    }

    static byte[] body(int status, String message, String instance) {
        // Jetty's reason for a status it raised itself is short and names no request content
        String detail = message == null || message.isBlank() ? "the node cannot serve this request" : message;
        Problem p = status >= 500 ? Problems.internal(instance) : Problems.of(status, detail, instance);
        try {
            return JSON.writeValueAsBytes(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a problem", e);
        }
    }

    private static String instance(Request request) {
        try {
            String path = request.getHttpURI() == null ? null : request.getHttpURI().getCanonicalPath();
            return "/badMessage".equals(path) ? null : path; // Jetty's stand-in for a request it could not parse
        } catch (RuntimeException e) {
            return null; // the path is what was wrong
        }
    }

    private static void writeProblem(Request request, Response response, Callback callback, int code, String message) {
        response.getHeaders().put(PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(body(code, message, instance(request))), callback);
    }

    /** Parser-level errors (bad request line, 414, 431) and any error outside the servlet context. */
    private static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true; // a PUT with a bad URI gets a problem body too
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            writeProblem(request, response, callback, code, message);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(PROBLEM_JSON);
            return ByteBuffer.wrap(body(status, reason, null));
        }
    }

    /** Errors the servlet context raises (e.g. an ambiguous or illegal path) before Javalin's servlet runs. */
    private static final class ContextLevel extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            writeProblem(request, response, callback, code, message);
        }
    }
}
