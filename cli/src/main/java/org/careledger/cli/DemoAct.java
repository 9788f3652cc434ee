package org.careledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Optional;
import org.careledger.client.CareledgerClient;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.node.network.NetworkLayout;

/**
 * One act of the demo's transcript on a running network: numbered steps ("7.1", "7.2", … inside step 7 of the whole
 * demo, or "1.", "2.", … on its own), indented lines under them, and members registered by their org's admin or
 * reused from an earlier run.
 */
abstract class DemoAct {
    /** The Synthea patient Bundle every act imports, a main resource of careledger-fhir on the CLI jar's classpath. */
    static final String SYNTHEA_BUNDLE = "synthea-patient-1.json";

    protected final NetworkLayout layout;
    protected final Genesis genesis;
    protected final CareledgerClient client;
    protected final PrintStream out;
    private final String number;
    private int step;

    protected DemoAct(NetworkLayout layout, Genesis genesis, CareledgerClient client, PrintStream out, String number) {
        this.layout = layout;
        this.genesis = genesis;
        this.client = client;
        this.out = out;
        this.number = number;
    }

    protected final void step(String title) {
        out.println();
        ++step;
        out.println((number.isEmpty() ? step + ". " : number + "." + step + " ") + title);
    }

    protected final void say(String line) {
        out.println("   " + line);
    }

    /** {@code org}'s member {@code name}, registered by the org's admin with {@code roles} unless its key exists. */
    protected final CliIdentity member(String org, String name, String roles) {
        if (!Files.exists(CliIdentity.memberKey(layout, org, name))) {
            MemberCommand.add(layout, genesis, client, org, name, MemberCommand.roles(roles));
            say("registered " + org + "/" + name + " (" + roles + ")");
        } else {
            say("reusing " + org + "/" + name);
        }
        return CliIdentity.load(layout.root(), org + "/" + name);
    }

    /** The Synthea Bundle, if the classpath has it. */
    static Optional<byte[]> syntheaBundle() {
        try (InputStream in = DemoAct.class.getResourceAsStream("/org/careledger/fhir/synthea/" + SYNTHEA_BUNDLE)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new CareledgerException("DEMO_FAILED", "cannot read " + SYNTHEA_BUNDLE + ": " + e.getMessage());
        }
    }

    /** The Synthea Bundle, which this act needs. */
    static byte[] requireSyntheaBundle() {
        return syntheaBundle().orElseThrow(() -> new CareledgerException("DEMO_FAILED", "the Synthea Bundle "
                + SYNTHEA_BUNDLE + " is not on the classpath"));
    }
}
