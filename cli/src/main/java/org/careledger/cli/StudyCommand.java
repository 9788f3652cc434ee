package org.careledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.careledger.client.GenesisNodes;
import org.careledger.client.research.ResearchClient;
import org.careledger.contracts.research.ResearchArgs;
import org.careledger.contracts.research.SubjectStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.core.research.Pseudonyms;
import org.careledger.node.network.NetworkLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code careledger study register|amend|consent|enrol|release|results|report|prove}: clinical research
 * (docs/RESEARCH.md), a thin shell over {@link ResearchClient}. Every command acts as a member given by {@code --as}
 * with its key from {@code --network}.
 */
@Command(name = "study", mixinStandardHelpOptions = true, description = "Clinical research and trials.",
        subcommands = {StudyCommand.Register.class, StudyCommand.Amend.class, StudyCommand.Consent.class,
                StudyCommand.Enrol.class, StudyCommand.Release.class, StudyCommand.Results.class,
                StudyCommand.Report.class, StudyCommand.Prove.class})
public final class StudyCommand {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who acts, and through which node. */
    static final class Actor {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "the acting member (key from --network)")
        String as;

        CliIdentity identity() {
            return opts.as(as);
        }

        ResearchClient research() {
            return new ResearchClient(opts.careFor(identity().org(), null).http());
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true, description = "A sponsor registers a study before"
            + " any enrolment: the protocol's and SAP's SHA-256 over their exact bytes, the pre-specified outcomes.")
    static final class Register implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--title", required = true) String title;
        @Option(names = "--protocol", required = true, paramLabel = "FILE") Path protocol;
        @Option(names = "--media-type", defaultValue = "application/pdf",
                description = "the protocol file's format (default ${DEFAULT-VALUE})") String mediaType;
        @Option(names = "--sap", required = true, paramLabel = "FILE") Path sap;
        @Option(names = "--sites", required = true, split = ",", paramLabel = "ORG") List<String> sites;
        @Option(names = "--outcome", required = true, paramLabel = "ID:PRIMARY|SECONDARY:TEXT:MEASURE")
        List<String> outcomes;
        @Option(names = "--starts", paramLabel = "ISO-INSTANT", description = "enrolment opens (default: now)")
        String starts;

        @Override
        public Integer call() {
            long startsAt = starts == null ? 0 : instant(starts, "--starts");
            var r = actor.research().register(actor.identity().signer(), new ResearchArgs.Register(studyId, title,
                    sha(protocol), mediaType, sha(sap), sites, outcomes(outcomes), startsAt));
            System.out.println("study " + studyId + " registered at height " + r.height() + " (tx " + r.txId() + ")");
            return 0;
        }
    }

    @Command(name = "amend", mixinStandardHelpOptions = true, description = "The sponsor's next protocol version;"
            + " the ledger marks outcome changes itself.")
    static final class Amend implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--version", required = true) int version;
        @Option(names = "--reason", required = true) String reason;
        @Option(names = "--protocol", required = true, paramLabel = "FILE") Path protocol;
        @Option(names = "--media-type") String mediaType;
        @Option(names = "--sap", paramLabel = "FILE") Path sap;
        @Option(names = "--outcome", paramLabel = "ID:PRIMARY|SECONDARY:TEXT:MEASURE",
                description = "the full new outcome list (omit to keep the current one)") List<String> outcomes;
        @Option(names = "--reconsent", description = "earlier consents no longer cover new data") boolean reconsent;

        @Override
        public Integer call() {
            var r = actor.research().amend(actor.identity().signer(), new ResearchArgs.Amend(studyId, version, reason,
                    sha(protocol), mediaType, sap == null ? null : sha(sap), outcomes == null ? null : outcomes(outcomes),
                    reconsent));
            System.out.println("study " + studyId + " version " + version + " at height " + r.height());
            return 0;
        }
    }

    @Command(name = "consent", mixinStandardHelpOptions = true, description = "A site records a subject's signed"
            + " research consent to the current protocol version (its SHA-256 only), or its withdrawal.")
    static final class Consent implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--subject", required = true, paramLabel = "SUBJECT_ID") String subject;
        @Option(names = "--version", description = "the protocol version consented to") Integer version;
        @Option(names = "--document", paramLabel = "FILE", description = "the signed Consent document") Path document;
        @Option(names = "--withdraw", description = "the subject withdraws") boolean withdraw;
        @Option(names = "--reason") String reason;

        @Override
        public Integer call() {
            ResearchClient research = actor.research();
            if (withdraw) {
                var r = research.withdraw(actor.identity().signer(), studyId, subject, reason);
                System.out.println("subject " + subject + " withdrew at height " + r.height());
                return 0;
            }
            if (version == null || document == null) {
                throw new CareledgerException("USAGE", "give --version and --document, or --withdraw");
            }
            var r = research.consent(actor.identity().signer(), studyId, subject, version, read(document));
            System.out.println("consent of " + subject + " to version " + version + " at height " + r.height());
            return 0;
        }
    }

    @Command(name = "enrol", mixinStandardHelpOptions = true, description = "A site enrols a subject (CANDIDATE), or"
            + " moves it with --to ON_STUDY, OFF_STUDY or WITHDRAWN.")
    static final class Enrol implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--subject", required = true, paramLabel = "SUBJECT_ID") String subject;
        @Option(names = "--to", paramLabel = "STATE") SubjectStatus to;

        @Override
        public Integer call() {
            ResearchClient research = actor.research();
            var r = to == null ? research.enrol(actor.identity().signer(), studyId, subject)
                    : research.transition(actor.identity().signer(), studyId, subject, to);
            System.out.println("subject " + subject + " " + (to == null ? "CANDIDATE" : to) + " at height " + r.height());
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "A site de-identifies subjects' FHIR"
            + " Bundles (HIPAA Safe Harbor), writes the dataset file for the sponsor and commits its Merkle root.")
    static final class Release implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--release", required = true, paramLabel = "RELEASE_ID") String releaseId;
        @Option(names = "--version", required = true, description = "the current protocol version") int version;
        @Option(names = "--subject", required = true, paramLabel = "SUBJECT_ID=BUNDLE.json") Map<String, Path> bundles;
        @Option(names = "--study-key", required = true, paramLabel = "FILE",
                description = "the study's pseudonym key (64 hex digits; made if the file does not exist)") Path key;
        @Option(names = "--out", required = true, paramLabel = "DATASET_FILE") Path out;

        @Override
        public Integer call() throws IOException {
            Map<String, List<JsonNode>> bySubject = new LinkedHashMap<>();
            bundles.forEach((subject, file) -> {
                List<JsonNode> resources = new ArrayList<>();
                CanonicalJson.tree(read(file)).path("entry").forEach(e -> resources.add(e.path("resource")));
                bySubject.put(subject, resources);
            });
            var prepared = ResearchClient.prepareRelease(bySubject, studyKey(key),
                    Year.now(ZoneOffset.UTC).getValue());
            Files.write(out, prepared.dataset().bytes());
            var r = actor.research().release(actor.identity().signer(), studyId, releaseId, version, prepared);
            System.out.println("release " + releaseId + ": " + prepared.dataset().size() + " resources of "
                    + prepared.subjects().size() + " subjects, root " + prepared.dataset().merkleRoot() + ", at height "
                    + r.height() + "; dataset " + out);
            return 0;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true, description = "The sponsor registers results per"
            + " declared outcome.")
    static final class Results implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--result", required = true, paramLabel = "OUTCOME_ID=SUMMARY") Map<String, String> results;

        @Override
        public Integer call() {
            List<ResearchArgs.OutcomeResult> list = new ArrayList<>();
            results.forEach((id, summary) -> list.add(new ResearchArgs.OutcomeResult(id, summary, null)));
            var r = actor.research().results(actor.identity().signer(), studyId, list);
            System.out.println(list.size() + " result(s) of " + studyId + " at height " + r.height());
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "The outcome-switching report of a"
            + " study, from the ledger alone; or, with --secret, a patient's research disclosures (purpose HRESCH).")
    static final class Report implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID", arity = "0..1") String studyId;
        @Option(names = "--secret", paramLabel = "FILE", description = "the patient's research secret (64 hex digits)")
        Path secret;

        @Override
        public Integer call() {
            ResearchClient research = actor.research();
            if (secret != null) {
                System.out.println(Json.pretty(research.disclosures(actor.identity().signer(), hexKey(secret))));
                return 0;
            }
            if (studyId == null) {
                throw new CareledgerException("USAGE", "give STUDY_ID, or --secret for a patient's disclosures");
            }
            var report = research.report(actor.identity().signer(), studyId);
            System.out.println(Json.pretty(report));
            return report.report().switched() ? 3 : 0;
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true, description = "Proves a protocol file was registered"
            + " before the first enrolment (inclusion under a quorum-certified header) and re-derives a release's"
            + " Merkle root from its dataset file.")
    static final class Prove implements Callable<Integer> {
        @Mixin Actor actor;
        @Parameters(paramLabel = "STUDY_ID") String studyId;
        @Option(names = "--protocol", paramLabel = "FILE") Path protocol;
        @Option(names = "--release", paramLabel = "RELEASE_ID") String releaseId;
        @Option(names = "--dataset", paramLabel = "FILE") Path dataset;

        @Override
        public Integer call() {
            if (protocol == null && (releaseId == null || dataset == null)) {
                throw new CareledgerException("USAGE", "give --protocol, or --release and --dataset, or both");
            }
            ResearchClient research = actor.research();
            var signer = actor.identity().signer();
            if (protocol != null) {
                if (actor.opts.network == null) {
                    throw new CareledgerException("USAGE", "--network is required: the genesis nodes certify headers");
                }
                var p = research.proveRegistration(signer, studyId, read(protocol),
                        GenesisNodes.fromGenesis(new NetworkLayout(actor.opts.network).genesis()));
                System.out.println("protocol " + p.protocolSha256() + " registered at height " + p.registrationHeight()
                        + ", first enrolment at " + (p.firstEnrolledHeight() == null ? "none yet"
                        : "height " + p.firstEnrolledHeight()) + "; proven under header " + p.certifiedHeight()
                        + " certified by " + String.join(", ", p.certifiedBy()));
            }
            if (releaseId != null && dataset != null) {
                var r = research.verifyRelease(signer, studyId, releaseId, read(dataset));
                System.out.println("release " + releaseId + ": " + r.recordCount() + " resources, root " + r.merkleRoot()
                        + " re-derived from " + dataset);
            }
            return 0;
        }
    }

    // ---- parsing ----

    static List<Outcome> outcomes(List<String> specs) {
        List<Outcome> out = new ArrayList<>();
        for (String spec : specs) {
            String[] p = spec.split(":", 4);
            if (p.length != 4) {
                throw new CareledgerException("USAGE", "--outcome is ID:PRIMARY|SECONDARY:TEXT:MEASURE, not '" + spec
                        + "'");
            }
            OutcomeKind kind;
            try {
                kind = OutcomeKind.valueOf(p[1].toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CareledgerException("USAGE", "outcome kind '" + p[1] + "' is neither PRIMARY nor SECONDARY");
            }
            out.add(new Outcome(p[0], kind, p[2], p[3]));
        }
        return out;
    }

    private static long instant(String value, String option) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CareledgerException("USAGE", option + " must be an ISO-8601 instant, not '" + value + "'");
        }
    }

    private static String sha(Path file) {
        return Hash.sha256(read(file)).hex();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CareledgerException("USAGE", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] hexKey(Path file) {
        String text = new String(read(file), java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-f]{64}")) {
            throw new CareledgerException("USAGE", file + " must hold 64 lowercase hex digits");
        }
        return HexFormat.of().parseHex(text);
    }

    /** The study's pseudonym key from its file, made (owner-readable only where the file system allows) if absent. */
    private static byte[] studyKey(Path file) {
        if (!Files.exists(file)) {
            byte[] key = new byte[Pseudonyms.KEY_BYTES];
            RANDOM.nextBytes(key);
            try {
                Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps its default permissions
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return key;
        }
        return hexKey(file);
    }
}
