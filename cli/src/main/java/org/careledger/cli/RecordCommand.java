package org.careledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.CareledgerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger record write|import-fhir|list|erase}. */
@Command(name = "record", mixinStandardHelpOptions = true, description = "Encrypted patient records.",
        subcommands = {RecordCommand.Write.class, RecordCommand.ImportFhir.class, RecordCommand.ListRecords.class,
                RecordCommand.Erase.class})
public final class RecordCommand {
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CareledgerException("FILE_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Seal a FHIR resource for the patient and the author's org (fresh AES-256-GCM data key,"
                    + " HPKE-wrapped) and write it with its blobs; prints the record id.")
    static final class Write implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "FILE.json") Path file;
        @Option(names = "--wallet", required = true, description = "the patient's wallet (for its id and public key)")
        Path wallet;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "the author (a writer member)")
        String as;
        @Option(names = "--type", description = "FHIR resourceType (default: the file's resourceType)") String type;
        @Option(names = "--references", split = ",", description = "record ids this one refers to") List<String> refs;
        @Option(names = "--amends", paramLabel = "RECORD_ID", description = "the record version this one amends")
        String amends;

        @Override
        public Integer call() {
            byte[] json = read(file);
            String t = type != null ? type : org.careledger.core.json.CanonicalJson.tree(json).path("resourceType")
                    .asText(null);
            if (t == null) {
                throw new CareledgerException("USAGE", file + " has no resourceType; give --type");
            }
            PatientWallet w = PatientWallet.open(wallet);
            var written = opts.careFor(opts.as(as).org(), wallet).writeRecord(opts.as(as).author(), w.patientId(), w.encryptionKey().publicKey(), t, json,
                    refs, amends);
            System.out.println(written.recordId() + " " + t + " written at height " + written.response().height());
            return 0;
        }
    }

    @Command(name = "import-fhir", mixinStandardHelpOptions = true,
            description = {"Split a patient Bundle (Synthea transaction, batch or collection) into one sealed record per"
                    + " resource; in-Bundle references become record references (all of them).",
                    "Exactly once: each resource is keyed on its identity (the Bundle's Patient id, resourceType and id)"
                    + " within the patient, so running it again, or after an interruption, writes only what is missing.",
                    "A Bundle whose Patient is not the one this patient was first imported from is refused unless"
                    + " --accept-patient maps it explicitly."})
    static final class ImportFhir implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "BUNDLE.json") Path bundle;
        @Option(names = "--wallet", required = true) Path wallet;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--map", description = "also print, per entry: outcome, record id, type, fullUrl (printed"
                + " even when the import stops part-way)") boolean map;
        @Option(names = "--accept-patient", description = "the Bundle's Patient is this patient although the patient"
                + " was imported from another source Patient before: record the mapping") boolean acceptPatient;
        @Option(names = "--wave", defaultValue = "256", paramLabel = "N", description = "resources sealed and in flight"
                + " at once; memory holds N resources' plaintext, not the Bundle (default: ${DEFAULT-VALUE})")
        int wave;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            RecordsClient.Imported r = opts.careFor(opts.as(as).org(), wallet).importBundle(opts.as(as).author(), w,
                    org.careledger.fhir.BundleSource.of(bundle), new RecordsClient.ImportOptions(acceptPatient, wave, null));
            for (RecordsClient.EntryResult e : r.entries()) {
                if (map || e.outcome() == RecordsClient.Outcome.REFUSED) {
                    if (e.outcome() != null || map) {
                        System.out.println((e.outcome() == null ? "NOT_REACHED" : e.outcome().name()) + " "
                                + (e.recordId() == null ? "-" : e.recordId()) + " " + e.resourceType() + " " + e.fullUrl()
                                + (e.outcome() == RecordsClient.Outcome.REFUSED ? " : " + e.reason() : ""));
                    }
                }
            }
            System.out.println(String.format(Locale.ROOT, "%s %d resources for %s: %d created, %d already present, %d"
                    + " refused (%d record references, %d references outside the Bundle) in %.1f s: %.1f created/s",
                    r.failure() == null ? "imported" : "stopped part-way through", r.resources(), w.patientId(),
                    r.count(RecordsClient.Outcome.CREATED), r.count(RecordsClient.Outcome.PRESENT),
                    r.count(RecordsClient.Outcome.REFUSED), r.references(), r.externalReferences(), r.millis() / 1000.0,
                    r.perSecond()));
            if (r.failure() != null) {
                System.out.println("what was committed stays; run the same command again to resume");
                throw r.failure();
            }
            return r.count(RecordsClient.Outcome.REFUSED) == 0 ? 0 : 2;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "A patient's record metadata (no content).")
    static final class ListRecords implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin ReaderOptions who;

        @Override
        public Integer call() {
            Reader reader = who.reader(opts);
            for (RecordMeta r : opts.careFor(reader.org(), who.wallet).records(reader.signer(), reader.patientId())) {
                System.out.println(r.recordId() + " " + r.recordType() + " v" + r.version() + " by " + r.authorId()
                        + (r.erased() ? " ERASED" : ""));
            }
            return 0;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"The patient (or a guardian) erases a record: blobs purged from every node, a tombstone stays.",
                    "Or the author org's admin erases it on the patient's verified request: --as ORG/admin"
                    + " --request-ref REF --network NET (no wallet needed)."})
    static final class Erase implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @Parameters(paramLabel = "RECORD_ID") String recordId;
        @Option(names = "--wallet", paramLabel = "WALLET_DIR", description = "the patient's wallet") Path wallet;
        @Option(names = "--as", paramLabel = "ORG/admin", description = "the author org's admin, with --request-ref")
        String as;
        @Option(names = "--request-ref", paramLabel = "REF",
                description = "reference of the patient's verified erasure request (kept in the tombstone)")
        String requestRef;
        @Option(names = "--reason", defaultValue = "patient request") String reason;

        @Override
        public Integer call() {
            org.careledger.client.TxSigner signer;
            if (as != null) {
                if (wallet != null || requestRef == null) {
                    throw new CareledgerException("USAGE", "an org admin erases with --as ORG/admin --request-ref REF,"
                            + " without --wallet");
                }
                signer = opts.as(as).signer();
            } else {
                if (wallet == null || requestRef != null) {
                    throw new CareledgerException("USAGE", "give --wallet (the patient or, with --guardian-wallet or"
                            + " --guardian, a guardian signs), or --as ORG/admin --request-ref REF");
                }
                PatientWallet w = PatientWallet.open(wallet);
                List<String> changed = opts.consent(wallet).eraseWithGrantKeys(by.signer(opts, w), w.patientId(), recordId,
                        reason);
                System.out.println("record " + recordId + " erased; its wrapped key taken out of " + changed.size()
                        + " grant(s) still in force" + (changed.isEmpty() ? "" : ": " + String.join(", ", changed)));
                return 0;
            }
            var r = opts.careFor(opts.as(as).org(), null).erase(signer, recordId, reason, requestRef);
            System.out.println("record " + recordId + " erased at height " + r.height() + "; grants that also cover"
                    + " other records keep its wrapped key until the patient's client runs: consent forget " + recordId
                    + " --wallet WALLET");
            return 0;
        }
    }
}
