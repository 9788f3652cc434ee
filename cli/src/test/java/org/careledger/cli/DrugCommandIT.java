package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.careledger.client.CareledgerClient;
import org.careledger.epcis.EpcisExamples;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code careledger drug …} and {@link DrugDemo} against a real node, as a user runs them. */
class DrugCommandIT {
    @TempDir
    static Path dir;
    static NetworkLayout layout;
    static Genesis genesis;
    static NodeAssembly node;

    /** What one command printed and returned. */
    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void network() {
        layout = new NetworkLayout(dir.resolve("net"));
        genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options("careledger-drug-cli",
                List.of("acme=manufacturer@0614141;4012345", "wholesale=distributor", "pharmacy-c",
                        "regulator=authority").stream().map(OrgSpec::parse).toList(),
                "127.0.0.1", freeBasePort(4), false));
        node = NodeAssembly.start(layout.org("acme"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static synchronized Run careledger(Object... args) {
        String[] argv = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.run(argv);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldOut.println("$ careledger " + String.join(" ", argv) + "  -> exit " + code + "\n" + r.out() + r.err());
        return r;
    }

    static Path example(String name) {
        return EpcisExamples.directory().resolve(name);
    }

    @Test
    void importAnEpcisDocumentThenVerifyItsPacks() throws IOException {
        Path commissioning = dir.resolve("commissioning.json");
        Files.writeString(commissioning, """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-03-01T10:00:00Z",
                 "epcisBody": {"eventList": [
                   {"type": "ObjectEvent", "eventID": "urn:uuid:9d0c5a4e-0000-4000-8000-000000000001",
                    "eventTime": "2025-03-01T09:00:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "ADD",
                    "bizStep": "commissioning", "disposition": "active",
                    "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018"],
                    "ilmd": {"cbvmda:lotNumber": "LOT-7", "cbvmda:itemExpirationDate": "2030-06-30"}}]}}""");
        String url = node.apiUrl();
        Run imported = careledger("drug", "import-epcis", commissioning, "--network", layout.root(), "--org", "acme",
                "--node", url);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("commissioning.json as acme/admin", "#0   ACCEPTED  commission",
                "1 event(s): 1 accepted, 0 rejected");

        Run shipped = careledger("drug", "import-epcis", example("Example_9.6.1-ObjectEvent.jsonld"), "--as",
                "acme/admin", "--key", layout.adminKey("acme"), "--genesis", layout.genesis(), "--node", url, "--ship-to",
                "wholesale");
        assertThat(shipped.exitCode()).isEqualTo(DrugCommand.NOT_CLEAN);
        // the receipt is wholesale's half: not acme's to sign, and no false alarm
        assertThat(shipped.out()).contains("ACCEPTED  ship", "REJECTED  NOT_APPLIED",
                "2 event(s): 1 accepted, 1 rejected (0 recorded as suspect)").doesNotContain("(suspect)");

        Run received = careledger("drug", "import-epcis", example("Example_9.6.1-ObjectEvent.jsonld"), "--network",
                layout.root(), "--org", "wholesale", "--node", url, "--json");
        assertThat(received.out()).contains("\"code\" : \"EVENT_DUPLICATE\"", "\"kind\" : \"receive\"");
        // a local-ordering node has no quorum certificate: `tx` checks the proof but says the header is not certified
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"txId\" : \"([0-9a-f]{64})\"").matcher(received.out());
        assertThat(id.find()).as(received.out()).isTrue();
        Run tx = careledger("tx", id.group(1), "--network", layout.root(), "--node", url);
        assertThat(tx.exitCode()).as(tx.err()).isEqualTo(TxCommand.UNCERTIFIED);
        assertThat(tx.out()).contains("inclusion proof verified against the bytes of block", "NOT certified",
                "the node sent no quorum certificate");

        Run genuine = careledger("drug", "verify", "urn:epc:id:sgtin:0614141.107346.2018", "--network", layout.root(),
                "--node", url);
        assertThat(genuine.exitCode()).as(genuine.err()).isZero();
        assertThat(genuine.out()).contains("GENUINE  (01)10614141073464(21)2018", "held by wholesale",
                "custody history (3 events)", "COMMISSION", "SHIP", "RECEIVE", "proofs: 3 of 3 transactions proven",
                "checked locally", "the header is NOT certified yet (0 of the 3 genesis node signatures needed)")
                .doesNotContain("suspect events naming this pack");

        // the labels: the right pack with the wrong lot or expiry is never GENUINE
        Run wrongLot = careledger("drug", "verify", "https://id.gs1.org/01/10614141073464/10/WRONG/21/2018",
                "--network", layout.root(), "--node", url);
        assertThat(wrongLot.exitCode()).as(wrongLot.err()).isEqualTo(DrugCommand.NOT_CLEAN);
        assertThat(wrongLot.out()).contains("LOT_MISMATCH", "lot WRONG", "LOT-7");
        Run wrongExpiry = careledger("drug", "verify", "https://id.gs1.org/01/10614141073464/21/2018?17=290531",
                "--network", layout.root(), "--node", url);
        assertThat(wrongExpiry.exitCode()).as(wrongExpiry.err()).isEqualTo(DrugCommand.NOT_CLEAN);
        assertThat(wrongExpiry.out()).contains("EXPIRY_MISMATCH", "2029-05-31", "2030-06-30");

        Run unknown = careledger("drug", "verify", "(01)10614141073464(21)9999", "--network", layout.root(), "--node",
                url);
        assertThat(unknown.exitCode()).isEqualTo(DrugCommand.NOT_CLEAN);
        assertThat(unknown.out()).contains("UNKNOWN", "likely counterfeit");

        Run schema = careledger("drug", "import-epcis", example("EPCIS-JSON-Schema.json"), "--network", layout.root(),
                "--org", "acme", "--node", url);
        assertThat(schema.exitCode()).isEqualTo(1);
        assertThat(schema.err()).contains("EPCIS_UNKNOWN_DOCUMENT_TYPE");

        Run usage = careledger("drug", "import-epcis", commissioning, "--network", layout.root(), "--as", "acme/admin");
        assertThat(usage.exitCode()).isEqualTo(1);
        assertThat(usage.err()).contains("USAGE");
        Run badPack = careledger("drug", "verify", "(01)10614141073465(21)1", "--network", layout.root(), "--node", url);
        assertThat(badPack.exitCode()).isEqualTo(1);
        assertThat(badPack.err()).contains("BAD_REQUEST", "GS1_BAD_CHECK_DIGIT");
        assertThat(careledger("drug", "--help").out()).contains("verify", "import-epcis");
    }

    @Test
    void theDrugDemoTellsItsStory() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long t = System.nanoTime();
        new DrugDemo().run(adminClient(), layout, genesis, out);
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(transcript);
        System.out.printf("drug demo took %d ms%n", (System.nanoTime() - t) / 1_000_000);
        assertThat(transcript).contains("commissions 1000 packs", "packs them into 20 cases",
                "tries to receive a case shipped to wholesale: NOT_SHIPPED_TO_YOU, refused and recorded as suspect",
                "rejected CLONED_SERIAL, recorded as suspect", ": UNKNOWN — no pack",
                "rejected UNIT_UNKNOWN, recorded as suspect", "rejected ALREADY_DISPENSED, recorded as suspect",
                "rejected LOT_RECALLED, recorded as suspect", "RECALLED — lot", "GENUINE  (01)",
                "checked locally", "a dispensed pack: ALREADY_DISPENSED", "5 suspect events recorded");
        // a second run on the same network uses fresh serials, members and cases
        new DrugDemo().run(adminClient(), layout, genesis, new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** A client of the node, signing as the first org's admin (the demo's members sign their own transactions). */
    private CareledgerClient adminClient() {
        String first = genesis.orgs().getFirst().id();
        return new CareledgerClient(node.apiUrl(), null, org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis()),
                new org.careledger.client.auth.RequestSigner(first + "/admin",
                        org.careledger.crypto.x509.KeyFiles.readSigner(layout.adminKey(first))));
    }

    static int freeBasePort(int n) {
        return org.careledger.core.LoopbackPorts.freeBase(n);
    }


}
