package org.careledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.careledger.client.publichealth.PublicHealthClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.publichealth.HealthStates;
import org.careledger.contracts.publichealth.ReportStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.publichealth.LinkageTokens;
import org.careledger.core.publichealth.TriggerList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger health triggers|key|report|response|aggregate|cases|audit}: a thin shell over PublicHealthClient. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Public-health reporting: trigger lists, linkage keys, automatic case reports, responses,"
                + " suppressed aggregates, the outbreak view (docs/PUBLIC_HEALTH.md).",
        subcommands = {HealthCommand.Triggers.class, HealthCommand.Key.class, HealthCommand.Report.class,
                HealthCommand.Response.class, HealthCommand.Aggregate.class, HealthCommand.Cases.class,
                HealthCommand.Audit.class})
public final class HealthCommand {
    private HealthCommand() {}

    static PublicHealthClient client(CareOptions opts, String org, Path wallet) {
        return new PublicHealthClient(opts.careFor(org, wallet).http());
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CareledgerException("FILE_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The epoch's linkage key: read, or made and written readable by its owner only (it links people). */
    static byte[] linkageKey(Path file) {
        if (Files.exists(file)) {
            byte[] key = read(file);
            if (key.length != LinkageTokens.KEY_BYTES) {
                throw new CareledgerException("USAGE", file + " holds " + key.length + " bytes, not a "
                        + LinkageTokens.KEY_BYTES + "-byte linkage key");
            }
            return key;
        }
        byte[] key = PublicHealthClient.newLinkageKey();
        try {
            Files.write(file, key);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // protected by its directory on such file systems
            }
        } catch (IOException e) {
            throw new CareledgerException("FILE_UNREADABLE", "cannot write " + file + ": " + e.getMessage());
        }
        return key;
    }

    @Command(name = "triggers", mixinStandardHelpOptions = true,
            description = "List the trigger list versions, or publish the next one from a JSON TriggerList file.")
    static final class Triggers implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--publish", paramLabel = "LIST.json",
                description = "{version, effectiveFromMillis, triggers:[{system, code, condition}]}") Path publish;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            PublicHealthClient health = client(opts, me.org(), null);
            if (publish != null) {
                TriggerList list = CanonicalJson.decode(read(publish), TriggerList.class);
                var r = health.publishTriggers(me.signer(), list);
                System.out.println("trigger list version " + list.version() + " (" + list.triggers().size()
                        + " codes) published at height " + r.height());
                return 0;
            }
            for (HealthStates.Triggers t : health.triggerLists(me.signer())) {
                System.out.println("version " + t.list().version() + " in force from "
                        + Instant.ofEpochMilli(t.list().effectiveFromMillis()) + " by " + t.authorityOrg() + ": "
                        + t.list().triggers().size() + " codes");
                t.list().triggers().forEach(c -> System.out.println("  " + c.key() + " -> " + c.condition()));
            }
            return 0;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "The authority distributes an epoch's linkage key to provider orgs (a new epoch rotates).")
    static final class Key implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--epoch", required = true) long epoch;
        @Option(names = "--to", required = true, split = ",", paramLabel = "ORG") List<String> orgs;
        @Option(names = "--key-file", required = true, paramLabel = "FILE",
                description = "the epoch's 32-byte key, kept by the authority; created if absent") Path keyFile;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            byte[] key = linkageKey(keyFile);
            PublicHealthClient health = client(opts, me.org(), null);
            for (String org : orgs) {
                var r = health.distributeKey(me.signer(), epoch, key, org);
                System.out.println("linkage key of epoch " + epoch + " wrapped for " + org + " at height " + r.height());
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Import a patient Bundle as a provider; every Condition/Observation on the list in force is"
                    + " reported automatically, sealed for the authority.")
    static final class Report implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "BUNDLE.json") Path bundle;
        @Option(names = "--wallet", required = true) Path wallet;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            if (!Files.isRegularFile(bundle) || !Files.isReadable(bundle)) {
                throw new CareledgerException("FILE_UNREADABLE", "cannot read the Bundle " + bundle);
            }
            PatientWallet w = PatientWallet.open(wallet);
            RecordsClient records = opts.careFor(me.org(), wallet);
            PublicHealthClient health = new PublicHealthClient(records.http());
            records.withHook(health.hook(me.author()));
            RecordsClient.Imported r = records.importBundle(me.author(), w, org.careledger.fhir.BundleSource.of(bundle),
                    RecordsClient.ImportOptions.DEFAULT);
            health.reported().forEach(x -> System.out.println("reported " + x.reportId() + " (" + x.condition()
                    + ") of record " + x.recordId()));
            health.failures().forEach(f -> System.out.println("NOT REPORTED " + f.recordId() + ": " + f.code() + ": "
                    + f.message()));
            System.out.println(String.format(Locale.ROOT, "%d resources imported for %s, %d case reports, %d failed",
                    r.count(RecordsClient.Outcome.CREATED), w.patientId(), health.reported().size(),
                    health.failures().size()));
            if (r.failure() != null) {
                throw r.failure();
            }
            return health.failures().isEmpty() ? 0 : 2;
        }
    }

    @Command(name = "response", mixinStandardHelpOptions = true,
            description = "The authority answers case reports: REPORTABLE, NOT_REPORTABLE or NEEDS_INFO (several ids:"
                    + " one batch, each its own transaction; stops at the first refused).")
    static final class Response implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "REPORT_ID", arity = "1..*") List<String> reportIds;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--status", required = true) ReportStatus status;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            PublicHealthClient health = client(opts, me.org(), null);
            List<org.careledger.api.SubmitResponse> answered = reportIds.size() == 1
                    ? List.of(health.respond(me.signer(), reportIds.getFirst(), status))
                    : health.respond(me.signer(), reportIds, status);
            for (int i = 0; i < answered.size(); i++) {
                System.out.println("report " + reportIds.get(i) + " answered " + status + " at height "
                        + answered.get(i).height());
            }
            return 0;
        }
    }

    @Command(name = "aggregate", mixinStandardHelpOptions = true,
            description = "Publish the suppressed aggregate of the REPORTABLE reports of a period, or show one.")
    static final class Aggregate implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "AGGREGATE_ID") String aggregateId;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--from", paramLabel = "INSTANT") Instant from;
        @Option(names = "--to", paramLabel = "INSTANT") Instant to;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            PublicHealthClient health = client(opts, me.org(), null);
            HealthStates.Aggregate a;
            if (from != null || to != null) {
                if (from == null || to == null) {
                    throw new CareledgerException("USAGE", "--from and --to go together");
                }
                a = health.publishAggregate(me.author(), aggregateId, from.toEpochMilli(), to.toEpochMilli())
                        .aggregate();
            } else {
                a = health.aggregate(me.signer(), aggregateId);
            }
            System.out.println("aggregate " + a.aggregateId() + " by " + a.authorityOrg() + ": " + a.cases()
                    + " cases from " + a.reportIds().size() + " reports, MeasureReport " + a.measureReportSha256());
            for (var t : a.tables()) {
                System.out.println(t.condition() + " total " + shown(t.total()));
                for (int i = 0; i < t.weeks().size(); i++) {
                    StringBuilder row = new StringBuilder("  " + t.weeks().get(i));
                    for (int j = 0; j < t.areas().size(); j++) {
                        row.append(' ').append(t.areas().get(j)).append('=').append(shown(t.cells().get(i).get(j)));
                    }
                    System.out.println(row.append(" | ").append(shown(t.weekTotals().get(i))));
                }
            }
            return 0;
        }

        private static String shown(Integer n) {
            return n == null ? "<suppressed>" : n.toString();
        }
    }

    @Command(name = "cases", mixinStandardHelpOptions = true,
            description = "The authority's outbreak view: new cases per condition, week and area, linked duplicates"
                    + " counted once (never published as is).")
    static final class Cases implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--condition") String condition;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            var view = client(opts, me.org(), null).outbreak(me.author());
            view.forEach((c, weeks) -> {
                if (condition == null || condition.equals(c)) {
                    weeks.forEach((week, areas) -> areas.forEach((area, n) ->
                            System.out.println(c + " " + week + " " + area + " " + n)));
                }
            });
            return 0;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Recompute a published aggregate from its reports as the caller's org (the authority, or an"
                    + " org it shared the keys with); with --share-with the authority shares them with an auditor org.")
    static final class Audit implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "AGGREGATE_ID") String aggregateId;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--share-with", paramLabel = "ORG",
                description = "wrap the keys of the aggregate's reports for this org (the authority only)") String org;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            PublicHealthClient health = client(opts, me.org(), null);
            if (org != null) {
                var r = health.shareAudit(me.author(), aggregateId, org);
                System.out.println("keys of the reports of aggregate " + aggregateId + " wrapped for " + org
                        + " at height " + r.height());
                return 0;
            }
            PublicHealthClient.Audit a = health.audit(me.author(), aggregateId);
            System.out.println("aggregate " + aggregateId + " recomputed by " + me.org() + " from "
                    + a.reportsOpened() + " reports: " + a.recomputed().cases() + " cases, "
                    + a.recomputed().tables().size() + " tables and the MeasureReport " + a.aggregate()
                    .measureReportSha256() + " match");
            return 0;
        }
    }
}
