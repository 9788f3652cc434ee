package org.careledger.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.careledger.api.records.DisclosureList;
import org.careledger.api.records.ProvenDisclosure;
import org.careledger.api.records.ReadLogEntry;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.audit.Disclosure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger audit disclosures|reviews|review}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Accounting of disclosures, break-glass reviews.",
        subcommands = {AuditCommand.Disclosures.class, AuditCommand.Reviews.class, AuditCommand.Review.class})
public final class AuditCommand {
    @Command(name = "disclosures", mixinStandardHelpOptions = true,
            description = "Every read of the patient's records, granted or denied, with the tx that recorded it.")
    static final class Disclosures implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin ReaderOptions who;
        @Option(names = "--fhir", description = "print a FHIR R4 searchset Bundle of AuditEvents") boolean fhir;

        @Override
        public Integer call() {
            Reader reader = who.reader(opts);
            String id = reader.patientId();
            RecordsClient records = opts.careFor(reader.org(), who.wallet);
            if (fhir) {
                System.out.println(Json.pretty(records.disclosuresFhir(reader.signer(), id)));
                return 0;
            }
            DisclosureList list = records.disclosures(reader.signer(), id);
            for (ProvenDisclosure p : list.disclosures()) {
                Disclosure d = p.disclosure();
                System.out.println(Instant.ofEpochMilli(d.atMillis()) + " " + d.accessor() + " " + d.decision()
                        + (d.denialReason() != null ? "/" + d.denialReason() : "") + " " + d.recordType() + " "
                        + d.recordId() + " purpose " + d.purpose()
                        + (d.breakGlass() ? " BREAK-GLASS \"" + d.breakGlassReason() + "\"" : "")
                        + " tx " + d.txId().substring(0, 16) + "…");
            }
            System.out.println(list.count() + " disclosures");
            // the node's own log of who read the patient's other data (lists, reports, key bundles) through its API
            List<ReadLogEntry> reads = list.apiReads();
            for (ReadLogEntry r : reads) {
                System.out.println(Instant.ofEpochMilli(r.atMillis()) + " " + r.caller() + " API-READ " + r.kind()
                        + (r.subject().isEmpty() ? "" : " " + r.subject()) + " read log #" + r.seq());
            }
            System.out.println(reads.size() + " API reads logged by this node");
            return 0;
        }
    }

    @Command(name = "reviews", mixinStandardHelpOptions = true, description = "An org's break-glass review queue.")
    static final class Reviews implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "ORG") String org;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME",
                description = "a member of ORG with role auditor (key from --network)")
        String as;

        @Override
        public Integer call() {
            RecordsClient care = opts.careFor(org, null);
            System.out.println(Json.pretty(care.reviewQueue(opts.as(as).signer(), org)));
            return 0;
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true,
            description = "An auditor of the record's custodian org closes a break-glass access of its review queue.")
    static final class Review implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "ACCESS_ID") String accessId;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "a member with role auditor")
        String as;
        @Option(names = "--outcome", required = true, description = "JUSTIFIED or UNJUSTIFIED") String outcome;
        @Option(names = "--note", description = "a short note (no clinical detail)") String note;

        @Override
        public Integer call() {
            var r = opts.careFor(opts.as(as).org(), null).reviewBreakGlass(opts.as(as).signer(), accessId, outcome, note);
            System.out.println("break-glass access " + accessId + " reviewed " + outcome + " by " + as + " at height "
                    + r.height());
            return 0;
        }
    }
}
