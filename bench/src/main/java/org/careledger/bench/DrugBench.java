package org.careledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.careledger.client.CareledgerClient;
import org.careledger.client.EpcisClient;
import org.careledger.client.TxSigner;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * The drug supply chain's two figures on one node (real node, RocksDB, HTTPS on loopback): EPCIS capture rate through
 * {@code POST /epcis/capture} (documents of commissioning events, each signed by the manufacturer, submitted by
 * concurrent clients, each waited for through its capture job) and verification latency of
 * {@code GET /v1/drugs/verify} on the packs captured, printed beside strict Ed25519 verifications/s of one core
 * measured in the same run.
 */
public final class DrugBench {
    private static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    record Options(int documents, int events, int packs, int clients, int verifies, int basePort) {}

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        if (o == null) {
            return; // --help
        }
        SignatureBaseline.Rate rate = SignatureBaseline.measure(3);
        System.out.printf("careledger drugs: %d EPCIS documents of %d commissioning events x %d packs, %d clients;"
                + " %d verifications; %d cores%n", o.documents(), o.events(), o.packs(), o.clients(), o.verifies(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("baseline: strict Ed25519 verification, one core: %,.0f verifications/s%n", rate.perSecond());
        admissionCost(o);
        Path dir = Files.createTempDirectory("careledger-drugs-");
        Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-drugs",
                List.of(OrgSpec.parse("acme=manufacturer@0614141")), "127.0.0.1", o.basePort(), true, NodeConfig.LOCAL));
        NetworkLayout layout = new NetworkLayout(dir);
        try (NodeAssembly node = NodeAssembly.start(layout.org("acme"))) {
            CareledgerClient client = LoadGenerator.adminClient(layout, node);
            LoadGenerator.awaitReady(List.of(client));
            TxSigner acme = new TxSigner(genesis.chainId(), "acme/admin", KeyFiles.readSigner(layout.adminKey("acme")));

            // warm-up: one document, not timed
            List<TxEnvelope> warm = List.of(EpcisClient.captureTx(acme, document(-1, o), null));
            capture(client, warm, 1);
            List<TxEnvelope> docs = new ArrayList<>();
            for (int d = 0; d < o.documents(); d++) {
                docs.add(EpcisClient.captureTx(acme, document(d, o), null));
            }
            long start = System.nanoTime();
            double[] latencies = capture(client, docs, o.clients());
            double seconds = (System.nanoTime() - start) / 1e9;
            int events = o.documents() * o.events();
            Arrays.sort(latencies);
            System.out.printf("%ncapture (POST /epcis/capture → job finished): %d documents, %d events, %d packs in"
                    + " %.1f s: %.1f documents/s, %.0f events/s, %.0f packs/s; per document p50 %.0f ms, p99 %.0f ms%n",
                    o.documents(), events, events * o.packs(), seconds, o.documents() / seconds, events / seconds,
                    events * o.packs() / seconds, pct(latencies, 0.5), pct(latencies, 0.99));

            double[] verify = new double[o.verifies()];
            for (int i = 0; i < verify.length; i++) {
                String pack = sgtin(i % o.documents(), (i / o.documents()) % o.events(), i % o.packs());
                long t = System.nanoTime();
                JsonNode v = client.getJson("/v1/drugs/verify?sgtin=" + URLEncoder.encode(pack, StandardCharsets.UTF_8));
                verify[i] = (System.nanoTime() - t) / 1e6;
                if (!v.path("verdict").asText().equals("GENUINE")) {
                    throw new IllegalStateException(pack + " verified " + v.path("verdict").asText());
                }
            }
            Arrays.sort(verify);
            System.out.printf("verify (GET /v1/drugs/verify over HTTPS, GENUINE, one client): p50 %.2f ms, p90 %.2f ms,"
                    + " p99 %.2f ms%n", pct(verify, 0.5), pct(verify, 0.9), pct(verify, 0.99));
            System.out.printf("beside %,.0f Ed25519 verify/s on one core: %.2f events captured per 1,000 verifications"
                    + " of signature-time%n", rate.perSecond(), events / seconds / rate.perSecond() * 1000);
        }
    }

    /** CPU of the admission check of one document (read + GS1 schema), one thread, no network: where capture time goes. */
    private static void admissionCost(Options o) {
        byte[] args = org.careledger.core.json.CanonicalJson.encode(java.util.Map.of("document", document(0, o)));
        for (int i = 0; i < 50; i++) {
            org.careledger.node.drugs.EpcisAdmission.requireCapturable(args);
        }
        int n = 200;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            org.careledger.node.drugs.EpcisAdmission.requireCapturable(args);
        }
        double ms = (System.nanoTime() - t) / 1e6 / n;
        System.out.printf("admission check of one %d-event document (read + EPCIS 2.0 JSON schema), one thread: %.2f ms"
                + " = %.1f Ed25519 verifications' time%n", o.events(), ms, ms / 1000 * SignatureBaseline.measure(1).perSecond());
    }

    /** Submits every signed capture from {@code clients} threads; answers each document's latency in ms. */
    private static double[] capture(CareledgerClient client, List<TxEnvelope> docs, int clients) throws Exception {
        double[] latencies = new double[docs.size()];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    EpcisClient epcis = new EpcisClient(client);
                    long t = System.nanoTime();
                    JsonNode job = epcis.awaitJob(epcis.capture(docs.get(index)), Duration.ofSeconds(120));
                    latencies[index] = (System.nanoTime() - t) / 1e6;
                    if (!job.path("success").asBoolean()) {
                        throw new IllegalStateException("capture " + index + " did not succeed: " + job);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return latencies;
    }

    /** A GS1 EPCIS 2.0 document of commissioning ObjectEvents (ILMD lot and expiry), without eventIDs. */
    static String document(int d, Options o) {
        StringBuilder events = new StringBuilder();
        for (int e = 0; e < o.events(); e++) {
            StringBuilder epcs = new StringBuilder();
            for (int p = 0; p < o.packs(); p++) {
                epcs.append(p == 0 ? "" : ",").append('"').append(sgtin(d, e, p)).append('"');
            }
            events.append(e == 0 ? "" : ",").append("""
                    {"type": "ObjectEvent", "eventTime": "2026-01-01T10:00:00.000+01:00", "eventTimeZoneOffset": "+01:00",
                     "action": "ADD", "bizStep": "commissioning", "disposition": "active", "epcList": [%s],
                     "readPoint": {"id": "urn:epc:id:sgln:0614141.00001.0"},
                     "ilmd": {"cbvmda:lotNumber": "BENCH-%d", "cbvmda:itemExpirationDate": "2030-12-31"}}"""
                    .formatted(epcs, d));
        }
        return """
                {"@context": ["%s"], "type": "EPCISDocument", "schemaVersion": "2.0",
                 "creationDate": "2026-01-01T10:00:00Z", "epcisBody": {"eventList": [%s]}}""".formatted(CONTEXT, events);
    }

    static String sgtin(int d, int e, int p) {
        return "urn:epc:id:sgtin:0614141.107346.B" + (d + 1) + "E" + e + "P" + p;
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static Options parse(String[] args) {
        BenchOptions options = new BenchOptions("drugs", "EPCIS events captured per second, pack verification latency"
                + " and the admission cost, beside Ed25519 verifications/s of the same run", args, List.of(
                BenchOptions.option("--documents", "D", 200, "EPCIS documents captured"),
                BenchOptions.option("--events", "E", 10, "events per document"),
                BenchOptions.option("--packs", "N", 10, "packs per event"),
                BenchOptions.option("--clients", "C", 8, "concurrent clients"),
                BenchOptions.option("--verifies", "V", 2_000, "pack verifications timed"),
                BenchOptions.option("--base-port", "PORT", 7700, "first port of the node's API and Raft ports")));
        if (options.helpShown()) {
            return null;
        }
        return new Options(options.intOf("--documents"), options.intOf("--events"), options.intOf("--packs"),
                options.intOf("--clients"), options.intOf("--verifies"), options.intOf("--base-port"));
    }
}
