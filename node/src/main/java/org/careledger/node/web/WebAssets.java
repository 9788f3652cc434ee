package org.careledger.node.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;

/**
 * Serves the browser pages from the classpath folder {@value #ROOT}. The files are the same for everyone and hold no
 * data, so they answer unsigned GETs (like {@code /openapi.json}); what a page shows comes from signed API calls the
 * browser makes with the key the user loaded, which never leaves the page.
 *
 * <p>Only names of the plain form {@code dir/name.ext} with a known extension are served, so no request can reach
 * another classpath resource; vendored libraries (unmodified, checked against their manifest by
 * {@code VendoredFilesTest}) keep their own layout under {@code vendor/}. The Content-Security-Policy keeps pages to
 * this origin: no third-party script, style, font or call, no inline script but the import map, no framing.
 */
public final class WebAssets {
    /** Where the pages are served. */
    public static final String PREFIX = "/explorer";
    /** Where they sit on the classpath. */
    public static final String ROOT = "/web/explorer/";
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9-]+/)?[a-z0-9-]+\\.(html|js|css|svg|json|txt)");
    /**
     * Vendored ES modules keep their package's own file layout (web/explorer/vendor/README.md): a package folder
     * named with its version, then plain folder names without dots, so no {@code ..} can appear.
     */
    private static final Pattern VENDOR = Pattern.compile(
            "vendor/[a-z0-9-]+-\\d+\\.\\d+\\.\\d+/esm/(?:[A-Za-z0-9_]+/)*[A-Za-z0-9_][A-Za-z0-9_.]*\\.(js)");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);
    /**
     * The one inline script allowed is index.html's import map (it tells the vendored HPKE library where its own
     * dependency is; an import map cannot be a separate file), by the SHA-256 of its exact text. Declared after IMPORT_MAP: static fields initialize in order.
     */
    static final String CSP = "default-src 'none'; script-src 'self' " + importMapHash("index.html")
            + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "txt", "text/plain; charset=utf-8");

    private WebAssets() {}

    /** Whether a request is for a page file (answered without a signature): a GET or HEAD under {@link #PREFIX}. */
    public static boolean isAsset(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method))
                && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"));
    }

    public static void install(JavalinConfig cfg) {
        // Javalin matches /explorer and /explorer/ alike; the page's relative links need the slash
        cfg.routes.get(PREFIX + "/", ctx -> {
            if (ctx.path().endsWith("/")) {
                serve(ctx, "index.html");
            } else {
                ctx.redirect(PREFIX + "/");
            }
        });
        cfg.routes.get(PREFIX + "/<name>", ctx -> serve(ctx, ctx.pathParam("name")));
    }

    /** The CSP source for the import map inline in a page, or none if it has none. */
    static String importMapHash(String page) {
        try (InputStream in = WebAssets.class.getResourceAsStream(ROOT + page)) {
            if (in == null) {
                return "";
            }
            var m = IMPORT_MAP.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!m.find()) {
                return "";
            }
            return "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(m.group(1).getBytes(StandardCharsets.UTF_8))) + "'";
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The extension of a servable page file name, or null for a name that is never served. */
    static String servableType(String name) {
        for (Pattern p : new Pattern[] {NAME, VENDOR}) {
            var m = p.matcher(name);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static void serve(Context ctx, String name) throws IOException {
        String type = servableType(name);
        if (type == null) {
            throw new CareledgerException("NOT_FOUND", "no page file " + PREFIX + "/" + name);
        }
        try (InputStream in = WebAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new CareledgerException("NOT_FOUND", "no page file " + PREFIX + "/" + name);
            }
            ctx.header("Content-Security-Policy", CSP)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-cache")
                    .contentType(TYPES.get(type))
                    .result(in.readAllBytes());
        }
    }
}
