package org.careledger.gateway;

import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import org.careledger.core.CareledgerException;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The gateway running: {@link GatewayServer} at {@code /fhir} on embedded Jetty, behind {@link BearerAuth}. Plain
 * HTTP, so by default it binds to loopback only; anything else must sit behind a TLS terminator (docs/FHIR.md) and
 * is refused unless asked for with {@code allowNonLoopback}.
 */
public final class FhirGateway implements AutoCloseable {
    /** Largest request body: a whole patient history as one transaction Bundle. */
    public static final long DEFAULT_MAX_BODY_BYTES = 256L * 1024 * 1024;

    private final Server server;
    private final String baseUrl;

    private FhirGateway(Server server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the gateway on {@code host:port} (port 0: a free one).
     *
     * @param allowNonLoopback bind to a non-loopback address (to be fronted by TLS)
     */
    public static FhirGateway start(RecordGateway gateway, GatewayToken token, String host, int port,
                                    boolean allowNonLoopback) {
        try {
            if (!allowNonLoopback && !InetAddress.getByName(host).isLoopbackAddress()) {
                throw new CareledgerException("GATEWAY_BIND_REFUSED", "the gateway speaks plain HTTP and binds to"
                        + " loopback only; put a TLS terminator in front and allow " + host + " explicitly");
            }
        } catch (UnknownHostException e) {
            throw new CareledgerException("GATEWAY_BIND_REFUSED", "unknown host " + host);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new BearerAuth(token, DEFAULT_MAX_BODY_BYTES, gateway.fhir())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder fhir = new ServletHolder(new GatewayServer(gateway));
        fhir.setInitOrder(1);
        context.addServlet(fhir, "/fhir/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new CareledgerException("GATEWAY_START_FAILED", "the FHIR gateway did not start on " + host + ":"
                    + port + ": " + e.getMessage());
        }
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return new FhirGateway(server, "http://" + shownHost + ":" + connector.getLocalPort() + "/fhir");
    }

    /** The FHIR base URL, e.g. {@code http://127.0.0.1:8090/fhir}. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new CareledgerException("GATEWAY_STOP_FAILED", "the FHIR gateway did not stop: " + e.getMessage());
        }
    }
}
