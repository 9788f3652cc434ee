package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.careledger.client.CareledgerClient;
import org.careledger.contracts.StandardContracts;
import org.careledger.core.contract.Domain;
import org.careledger.node.NodeDomains;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * One shape for every domain (docs/ARCHITECTURE.md, "Adding a domain"). The layers live in different modules, so each
 * registers its part in its own list ({@code StandardContracts.domains()}, {@code NodeDomains.standard()},
 * {@code Main.DOMAIN_COMMANDS}); this test, in the one module that sees every layer, holds them together: every
 * domain has a row in {@link #SHAPES}, and a domain with routes has its node registration, an SDK client, its CLI
 * commands and its docs. A new domain adds one row; the failure names the missing piece.
 */
class DomainShapeTest {
    private static final Path DOCS = Path.of("..", "docs");

    /**
     * What a domain contributes beyond its contracts.
     *
     * @param routes      whether it has its own line in {@code NodeDomains.standard()} (HTTP routes)
     * @param sdkClients  its SDK clients, relative to {@code org.careledger.client} (e.g. {@code records.RecordsClient})
     * @param cliCommands its picocli commands in {@code org.careledger.cli}, each in {@code Main.DOMAIN_COMMANDS}
     * @param cliPending  why a domain with routes has no CLI command yet (null when it has one)
     * @param doc         its page under docs/ (null for none)
     */
    record Shape(String domain, boolean routes, List<String> sdkClients, List<String> cliCommands, String cliPending,
                 String doc) {
        static Shape of(String domain) {
            return new Shape(domain, false, List.of(), List.of(), null, null);
        }

        Shape withRoutes() {
            return new Shape(domain, true, sdkClients, cliCommands, cliPending, doc);
        }

        Shape sdk(String... clients) {
            return new Shape(domain, routes, List.of(clients), cliCommands, cliPending, doc);
        }

        Shape cli(String... commands) {
            return new Shape(domain, routes, sdkClients, List.of(commands), cliPending, doc);
        }

        Shape cliPending(String why) {
            return new Shape(domain, routes, sdkClients, cliCommands, why, doc);
        }

        Shape doc(String page) {
            return new Shape(domain, routes, sdkClients, cliCommands, cliPending, page);
        }
    }

    /** One row per domain of {@code StandardContracts.domains()}. */
    static final List<Shape> SHAPES = List.of(
            Shape.of("membership").cli("MemberCommand").doc("OPERATIONS.md"),
            Shape.of("notary"), // anchors are plain transactions (and the load generator's); no reads of its own
            Shape.of("records").withRoutes().sdk("records.RecordsClient").cli("PatientCommand", "RecordCommand")
                    .doc("RECORDS.md"),
            Shape.of("consent").sdk("consent.ConsentClient").cli("ConsentCommand").doc("RECORDS.md"),
            Shape.of("access").cli("AccessCommand", "AuditCommand").doc("RECORDS.md"),
            Shape.of("supplychain").withRoutes().sdk("drugs.DrugClient", "EpcisClient").cli("DrugCommand")
                    .doc("SUPPLY_CHAIN.md"),
            Shape.of("claims").withRoutes().sdk("claims.ClaimsClient").cli("ClaimCommand").doc("CLAIMS.md"),
            Shape.of("research").withRoutes().sdk("research.ResearchClient").cli("StudyCommand").doc("RESEARCH.md"),
            Shape.of("publichealth").withRoutes().sdk("publichealth.PublicHealthClient").cli("HealthCommand")
                    .doc("PUBLIC_HEALTH.md"));

    @Test
    void everyDomainHasItsPieceInEveryLayer() throws IOException {
        List<String> missing = new ArrayList<>();
        Set<String> contracts = StandardContracts.domains().stream().map(Domain::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rows = SHAPES.stream().map(Shape::domain).collect(Collectors.toCollection(TreeSet::new));
        Set<String> node = new TreeSet<>(NodeDomains.ids(NodeDomains.standard()));
        String architecture = Files.readString(DOCS.resolve("ARCHITECTURE.md"));

        for (String d : contracts) {
            if (!rows.contains(d)) {
                missing.add(d + ": no row in DomainShapeTest.SHAPES; add one naming its SDK client, CLI commands and"
                        + " docs page (docs/ARCHITECTURE.md, \"Adding a domain\")");
            }
        }
        for (Shape s : SHAPES) {
            if (!contracts.contains(s.domain())) {
                missing.add(s.domain() + ": a row in SHAPES but no domain of StandardContracts.domains()");
            }
            if (s.routes() != node.contains(s.domain())) {
                missing.add(s.domain() + (s.routes() ? ": has routes but no line in NodeDomains.standard()"
                        : ": has a line in NodeDomains.standard() but its row in SHAPES says no routes"));
            }
            if (s.routes()) {
                if (s.sdkClients().isEmpty()) {
                    missing.add(s.domain() + ": has routes but no SDK client (client/src/main/java/org/careledger/"
                            + "client/" + s.domain() + "/)");
                }
                if (s.cliCommands().isEmpty() && s.cliPending() == null) {
                    missing.add(s.domain() + ": has routes but no CLI command in Main.DOMAIN_COMMANDS");
                }
                if (s.doc() == null) {
                    missing.add(s.domain() + ": has routes but no docs/<DOMAIN>.md page");
                }
            }
            for (String c : s.sdkClients()) {
                sdkClientProblem("org.careledger.client." + c).ifPresent(p -> missing.add(s.domain() + ": " + p));
            }
            for (String c : s.cliCommands()) {
                cliCommandProblem("org.careledger.cli." + c).ifPresent(p -> missing.add(s.domain() + ": " + p));
            }
            if (s.doc() != null && !Files.isRegularFile(DOCS.resolve(s.doc()))) {
                missing.add(s.domain() + ": no docs/" + s.doc());
            }
            if (!architecture.contains("| `" + s.domain() + "` |")) {
                missing.add(s.domain() + ": no row in docs/ARCHITECTURE.md's domain table");
            }
        }
        for (String n : node) {
            if (!rows.contains(n)) {
                missing.add(n + ": a line in NodeDomains.standard() but no row in SHAPES");
            }
        }
        Set<String> named = SHAPES.stream().flatMap(s -> s.cliCommands().stream()).collect(Collectors.toSet());
        for (Class<?> c : Main.DOMAIN_COMMANDS) {
            if (!named.contains(c.getSimpleName())) {
                missing.add(c.getSimpleName() + ": in Main.DOMAIN_COMMANDS but no row of SHAPES names it");
            }
        }
        assertThat(missing).as("pieces of the domain shape that are missing").isEmpty();
    }

    /** The test itself can fail: a row naming pieces that do not exist is reported piece by piece. */
    @Test
    void aMissingPieceIsNamed() {
        assertThat(sdkClientProblem("org.careledger.client.dental.DentalClient")).hasValueSatisfying(p ->
                assertThat(p).contains("no SDK client class org.careledger.client.dental.DentalClient"));
        assertThat(sdkClientProblem("org.careledger.client.TxSigner")).hasValueSatisfying(p ->
                assertThat(p).contains("has no public constructor (CareledgerClient)"));
        assertThat(cliCommandProblem("org.careledger.cli.ResearchCommand")).hasValueSatisfying(p ->
                assertThat(p).contains("no CLI command class org.careledger.cli.ResearchCommand"));
        assertThat(cliCommandProblem("org.careledger.cli.Json")).hasValueSatisfying(p ->
                assertThat(p).contains("is not a picocli @Command"));
        assertThat(cliCommandProblem("org.careledger.cli.NetworkCommand")).hasValueSatisfying(p ->
                assertThat(p).contains("not registered in Main.DOMAIN_COMMANDS"));
    }

    private static Optional<String> sdkClientProblem(String name) {
        Class<?> c;
        try {
            c = Class.forName(name);
        } catch (ClassNotFoundException e) {
            return Optional.of("no SDK client class " + name);
        }
        boolean typed = Modifier.isPublic(c.getModifiers()) && Arrays.stream(c.getConstructors())
                .anyMatch(k -> Arrays.equals(k.getParameterTypes(), new Class<?>[] {CareledgerClient.class}));
        return typed ? Optional.empty() : Optional.of("SDK client " + name
                + " is not public or has no public constructor (CareledgerClient)");
    }

    private static Optional<String> cliCommandProblem(String name) {
        Class<?> c;
        try {
            c = Class.forName(name);
        } catch (ClassNotFoundException e) {
            return Optional.of("no CLI command class " + name);
        }
        if (!c.isAnnotationPresent(Command.class)) {
            return Optional.of(name + " is not a picocli @Command");
        }
        return Main.DOMAIN_COMMANDS.contains(c) ? Optional.empty()
                : Optional.of(name + " is not registered in Main.DOMAIN_COMMANDS");
    }
}
