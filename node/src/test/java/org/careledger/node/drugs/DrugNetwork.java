package org.careledger.node.drugs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.api.SubmitResponse;
import org.careledger.contracts.supplychain.CaptureEpcisArgs;
import org.careledger.contracts.supplychain.SupplyEventArgs;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * A supply-chain consortium made by {@link NetworkInitializer} (company prefixes from genesis: the GS1 examples'
 * 0614141, 4012345 and 9520001 for the manufacturer), with acme's node started and one signer per org admin.
 */
final class DrugNetwork implements AutoCloseable {
    static final List<String> ORGS = List.of("acme=manufacturer@0614141;4012345;9520001",
            "wholesale=distributor@9529999", "pharmacy-c", "regulator=authority");

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
        <T> T as(Class<T> type) {
            return CanonicalJson.decode(body.getBytes(StandardCharsets.UTF_8), type);
        }
    }

    final NetworkLayout layout;
    final Genesis genesis;
    final NodeAssembly node;
    final CareledgerClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    DrugNetwork(Path dir) {
        layout = new NetworkLayout(dir);
        genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-drugs-it",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", freeBasePort(ORGS.size()), false));
        node = NodeAssembly.start(layout.org("acme"));
        client = new CareledgerClient(node.apiUrl());
    }

    TxSigner admin(String org) {
        return new TxSigner(genesis.chainId(), org + "/admin", KeyFiles.readSigner(layout.adminKey(org)));
    }

    SubmitResponse submit(TxSigner who, String method, SupplyEventArgs args) {
        return client.submit(who.sign("supplychain", method, args), CareledgerClient.Wait.COMMIT);
    }

    TxEnvelope captureEpcis(TxSigner who, String document, String shipTo) {
        return who.sign("supplychain", "captureEpcis", new CaptureEpcisArgs(document, shipTo));
    }

    Answer post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(node.apiUrl() + path))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer verify(String sgtin) {
        return get("/v1/drugs/verify?sgtin=" + URLEncoder.encode(sgtin, StandardCharsets.UTF_8));
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(node.apiUrl() + pathAndQuery)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(request, (n, v) -> true)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        node.close();
    }

    /** A base port b such that b+1..b+n (APIs) and b+101..b+100+n (Raft) are free on loopback right now. */
    static int freeBasePort(int n) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                base = s.getLocalPort() - 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean free = base + 100 + n <= 65535;
            for (int i = 1; i <= n && free; i++) {
                free = isFree(base + i) && isFree(base + 100 + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range on loopback");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
