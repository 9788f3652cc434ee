package org.careledger.node.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.EpcisClient;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.epcis.EpcisExamples;
import org.careledger.epcis.EpcisSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EPCIS 2.0 REST binding on a real four-org Raft network: capture (202 + Location, job status with each event's
 * outcome, read from another node), refusal at admission of documents that fail GS1's EPCIS 2.0 JSON schema on every
 * route, and the SimpleEventQuery with its filters, pages and each org's authorized view. Documents are GS1's
 * Example_9.6.1-ObjectEvent (testdata/epcis, gs1/EPCIS commit 2b888be) with its packs renamed to fresh serials.
 */
class EpcisRestIT {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static DrugNetwork net;
    static TxSigner acme;
    static TxSigner wholesale;

    @BeforeAll
    static void start() {
        net = new DrugNetwork(dir);
        acme = net.admin("acme");
        wholesale = net.admin("wholesale");
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    /**
     * GS1's example 9.6.1 (a shipment and its receipt) about two fresh packs {@code prefix2017/2018}, without its
     * eventIDs (they name GS1's events, which each test would otherwise share): each event is known by its derived
     * identity.
     */
    static String example961(String prefix) throws IOException {
        JsonNode doc = CanonicalJson.tree(Files.readAllBytes(EpcisExamples.directory()
                .resolve("Example_9.6.1-ObjectEvent.jsonld")));
        doc.at("/epcisBody/eventList").forEach(e -> ((ObjectNode) e).remove("eventID"));
        return doc.toString().replace("0614141.107346.2017", "0614141.107346." + prefix + "2017")
                .replace("0614141.107346.2018", "0614141.107346." + prefix + "2018");
    }

    static void commission(String... packs) {
        DrugSupplyChainIT.valid(net.submit(acme, "commission",
                DrugSupplyChainIT.commission("LOT-R", "2030-12-31", List.of(packs))));
    }

    static EpcisClient epcis(String org) {
        return new EpcisClient(net.client(org));
    }

    static List<String> outcomes(JsonNode job) {
        List<String> out = new ArrayList<>();
        job.get("report").get("outcomes").forEach(o -> out.add(o.get("accepted").asBoolean() ? "ACCEPTED"
                : o.get("code").asText()));
        return out;
    }

    @Test
    void aCaptureIsAJobWhoseOutcomesAnyNodeAnswers() throws IOException {
        commission("urn:epc:id:sgtin:0614141.107346.C2017", "urn:epc:id:sgtin:0614141.107346.C2018");
        String document = example961("C");
        HttpResponse<byte[]> posted = net.client("acme").exchange("POST", "/epcis/capture", "application/x-protobuf",
                EpcisClient.captureTx(acme, document, "wholesale").toByteArray());
        assertThat(posted.statusCode()).as(new String(posted.body())).isEqualTo(202);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/epcis/capture/[0-9a-f]{64}");
        assertThat(posted.headers().firstValue("GS1-EPCIS-Version")).hasValue("2.0.0");
        String id = location.substring(location.lastIndexOf('/') + 1);

        JsonNode job = epcis("acme").awaitJob(id, JOB_TIMEOUT);
        assertThat(job.get("captureID").asText()).isEqualTo(id);
        assertThat(job.get("running").asBoolean()).isFalse();
        assertThat(job.get("captureErrorBehaviour").asText()).isEqualTo("proceed");
        assertThat(outcomes(job)).containsExactly("ACCEPTED", "NOT_APPLIED");
        assertThat(job.get("success").asBoolean()).as("one event was not applied").isFalse();
        assertThat(job.get("errors")).hasSize(1);
        assertThat(job.get("errors").get(0).get("code").asText()).isEqualTo("NOT_APPLIED");
        assertThat(job.get("finishedAt").asText()).isNotBlank();

        // the reader's node answers the same job (the shared read session waits for the block the job named)
        JsonNode elsewhere = epcis(DrugNetwork.READER).job(id);
        assertThat(elsewhere.get("report").get("height").asLong()).isEqualTo(job.get("report").get("height").asLong());
        assertThat(outcomes(elsewhere)).containsExactly("ACCEPTED", "NOT_APPLIED");

        // the receiver signs its half with the SDK in one step; re-sending adds nothing
        JsonNode received = epcis("wholesale").awaitJob(epcis("wholesale").capture(wholesale, document, null), JOB_TIMEOUT);
        assertThat(outcomes(received)).containsExactly("EVENT_DUPLICATE", "ACCEPTED");
        JsonNode again = epcis("wholesale").awaitJob(epcis("wholesale").capture(wholesale, document, null), JOB_TIMEOUT);
        assertThat(outcomes(again)).containsExactly("EVENT_DUPLICATE", "EVENT_DUPLICATE");

        assertThatThrownBy(() -> epcis("acme").job("00".repeat(32)))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("CAPTURE_NOT_FOUND"));
        assertThatThrownBy(() -> epcis("acme").job("not-an-id"))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("CAPTURE_NOT_FOUND"));
    }

    @Test
    void aCaptureBodyMustBeTheMembersSignedCapture() {
        HttpResponse<byte[]> bare = net.client("acme").exchange("POST", "/epcis/capture", "application/json",
                "{\"type\": \"EPCISDocument\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(new String(bare.body())).contains("TX_MALFORMED", "signed");
        HttpResponse<byte[]> other = net.client("acme").exchange("POST", "/epcis/capture", "application/x-protobuf",
                acme.sign("supplychain", "ship", DrugSupplyChainIT.ship("wholesale", "urn:epc:id:sgtin:0614141.107346.X1"))
                        .toByteArray());
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(new String(other.body())).contains("BAD_REQUEST", "captureEpcis");
    }

    /**
     * Documents that fail GS1's schema (no @context, no creationDate, an event without its type or with a bad
     * action) are refused at admission on every route, /v1/txs included: nothing is ordered, no nonce is spent.
     */
    @Test
    void aDocumentThatFailsTheSchemaIsRefusedAtAdmissionOnEveryRoute() throws IOException {
        ObjectNode valid = (ObjectNode) CanonicalJson.tree(example961("S").getBytes(StandardCharsets.UTF_8));
        List<String> broken = new ArrayList<>();
        for (String field : new String[] {"@context", "creationDate"}) {
            ObjectNode d = valid.deepCopy();
            d.remove(field);
            broken.add(d.toString());
        }
        ObjectNode untyped = valid.deepCopy();
        ((ObjectNode) untyped.at("/epcisBody/eventList/0")).remove("type");
        broken.add(untyped.toString());
        ObjectNode badAction = valid.deepCopy();
        ((ObjectNode) badAction.at("/epcisBody/eventList/1")).put("action", "RECEIVE");
        broken.add(badAction.toString());

        for (String document : broken) {
            TxEnvelope viaTxs = net.captureEpcis(acme, document, "wholesale");
            assertThatThrownBy(() -> net.client("acme").submit(viaTxs, Wait.COMMIT)).as(document)
                    .isInstanceOfSatisfying(CareledgerException.class,
                            e -> assertThat(e.code()).isEqualTo(EpcisSchema.INVALID));
            assertThat(net.node("acme").ledger().location(Hash.sha256(viaTxs.getPayload().toByteArray())))
                    .as("never ordered").isEmpty();
            HttpResponse<byte[]> viaCapture = net.client("acme").exchange("POST", "/epcis/capture",
                    "application/x-protobuf", net.captureEpcis(acme, document, "wholesale").toByteArray());
            assertThat(viaCapture.statusCode()).as(new String(viaCapture.body())).isEqualTo(422);
            assertThat(viaCapture.headers().firstValue("Location")).isEmpty();
        }
        // the schema's own refusal names where the document is wrong
        HttpResponse<byte[]> r = net.client("acme").exchange("POST", "/epcis/capture", "application/x-protobuf",
                net.captureEpcis(acme, badAction.toString(), null).toByteArray());
        JsonNode problem = CanonicalJson.tree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo(EpcisSchema.INVALID);
        assertThat(problem.get("detail").asText()).contains("/epcisBody/eventList/1");
        HttpResponse<byte[]> viaDrugs = net.client("acme").exchange("POST", "/v1/drugs/epcis", "application/x-protobuf",
                net.captureEpcis(acme, badAction.toString(), null).toByteArray());
        assertThat(viaDrugs.statusCode()).isEqualTo(422);

        // a valid capture right after still commits: the refused ones spent no nonce and left no block
        DrugSupplyChainIT.valid(net.submit(acme, net.captureEpcis(acme, valid.toString(), "wholesale")));
    }

    @Test
    void theEventQueryFiltersPagesAndShowsEachOrgItsOwnView() throws IOException {
        String a = "urn:epc:id:sgtin:0614141.107346.Q2017";
        String b = "urn:epc:id:sgtin:0614141.107346.Q2018";
        commission(a, b);
        String document = example961("Q");
        epcis("acme").awaitJob(epcis("acme").capture(acme, document, "wholesale"), JOB_TIMEOUT);
        epcis("wholesale").awaitJob(epcis("wholesale").capture(wholesale, document, null), JOB_TIMEOUT);

        // the authority (regulator) sees both events of the packs, oldest first, each valid EPCIS 2.0
        JsonNode all = query(DrugNetwork.READER, "MATCH_epc=" + enc(b));
        assertThat(all.get("type").asText()).isEqualTo("EPCISQueryDocument");
        assertThat(EpcisSchema.failures(all)).as("the answer validates against GS1's schema").isEmpty();
        JsonNode events = all.at("/epcisBody/queryResults/resultsBody/eventList");
        assertThat(events).extracting(e -> e.get("bizStep").asText()).containsExactly("shipping", "receiving");
        assertThat(events.get(0).get("eventID").asText()).as("the derived identity of an event sent without one")
                .startsWith(org.careledger.epcis.Gs1EventHash.PREFIX);
        assertThat(events.get(0).get("recordTime").asText()).isNotBlank();
        assertThat(events.get(1).get("example:myField").asText()).as("extensions kept as sent")
                .isEqualTo("Example of a vendor/user extension");

        // filters: any syntax of the pack, patterns, bizStep, disposition, times, places, type
        String dl = "https://id.gs1.org/01/" + ((org.careledger.epcis.gs1.Sgtin)
                org.careledger.contracts.supplychain.ObjectIds.parse(b)).gtin().digits() + "/21/Q2018";
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(dl))).isEqualTo(2);
        assertThat(count(DrugNetwork.READER, "MATCH_anyEPC=" + enc("urn:epc:idpat:sgtin:0614141.107346.Q*")))
                .isEqualTo(2);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(a))).isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&EQ_bizStep=receiving")).isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&EQ_bizStep="
                + enc("https://ref.gs1.org/cbv/BizStep-shipping|receiving"))).isEqualTo(2);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&EQ_disposition=in_transit")).isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&GE_eventTime=" + enc("2005-04-04T12:00:00Z")))
                .isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&LT_eventTime=" + enc("2005-04-04T12:00:00Z")))
                .isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&EQ_bizLocation="
                + enc("urn:epc:id:sgln:0012345.11111.0"))).isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&EQ_readPoint="
                + enc("urn:epc:id:sgln:0614141.07346.1234"))).isEqualTo(1);
        assertThat(count(DrugNetwork.READER, "MATCH_epc=" + enc(b) + "&eventType=AggregationEvent")).isZero();

        // pages: one event a page, linked by nextPageToken
        HttpResponse<byte[]> first = epcis(DrugNetwork.READER).events("MATCH_epc=" + enc(b) + "&perPage=1");
        assertThat(first.statusCode()).isEqualTo(200);
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("rel=\"next\"", "nextPageToken=");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        JsonNode second = CanonicalJson.tree(net.client(DrugNetwork.READER).exchange("GET", next, null, null).body());
        assertThat(second.at("/epcisBody/queryResults/resultsBody/eventList")).extracting(e -> e.get("bizStep").asText())
                .containsExactly("receiving");
        assertThat(CanonicalJson.tree(first.body()).at("/epcisBody/queryResults/resultsBody/eventList"))
                .extracting(e -> e.get("bizStep").asText()).containsExactly("shipping");

        // each org its own view: the parties see both events; a pharmacy that never held the packs sees none
        assertThat(count("acme", "MATCH_epc=" + enc(b))).isEqualTo(2);
        assertThat(count("wholesale", "MATCH_epc=" + enc(b))).isEqualTo(2);
        assertThat(count("pharmacy-c", "MATCH_epc=" + enc(b))).isZero();

        HttpResponse<byte[]> unknown = epcis(DrugNetwork.READER).events("EQ_color=red");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new String(unknown.body())).contains("EPCIS_QUERY_PARAMETER_INVALID", "EQ_color");
        assertThat(epcis(DrugNetwork.READER).events("GE_eventTime=yesterday").statusCode()).isEqualTo(400);
        assertThat(epcis(DrugNetwork.READER).events("nextPageToken=zzz").statusCode()).isEqualTo(400);
    }

    private static JsonNode query(String org, String q) {
        HttpResponse<byte[]> r = epcis(org).events(q);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return CanonicalJson.tree(r.body());
    }

    private static int count(String org, String q) {
        return query(org, q).at("/epcisBody/queryResults/resultsBody/eventList").size();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
