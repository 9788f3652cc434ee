package org.careledger.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.core.CareledgerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger consent grant|revoke|list|forget}: patient-controlled consent. */
@Command(name = "consent", mixinStandardHelpOptions = true, description = "Patient-controlled consent.",
        subcommands = {ConsentCommand.Grant.class, ConsentCommand.Revoke.class, ConsentCommand.ListGrants.class,
                ConsentCommand.Forget.class})
public final class ConsentCommand {
    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "The patient lets an org (or one member) read records by type and/or id for one purpose;"
                    + " the wallet re-wraps the covered records' data keys for the grantee org's encryption key."
                    + " Records written later are not covered by the wrapped keys: grant again.")
    static final class Grant implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @Option(names = "--wallet", required = true) Path wallet;
        @Option(names = "--to", required = true, paramLabel = "ORG[/NAME]") String grantee;
        @Option(names = "--types", split = ",", paramLabel = "TYPE") List<String> types;
        @Option(names = "--records", split = ",", paramLabel = "RECORD_ID") List<String> records;
        @Option(names = "--purpose", defaultValue = "TREAT",
                description = "TREAT, ETREAT, HPAYMT, HRESCH, PUBHLTH or HOPERAT (default ${DEFAULT-VALUE})")
        String purpose;
        @Option(names = "--expires", paramLabel = "ISO-INSTANT", description = "e.g. 2030-01-01T00:00:00Z")
        String expires;

        @Override
        public Integer call() {
            if ((types == null || types.isEmpty()) && (records == null || records.isEmpty())) {
                throw new CareledgerException("USAGE", "give --types and/or --records");
            }
            Long exp = null;
            if (expires != null) {
                try {
                    exp = Instant.parse(expires).toEpochMilli();
                } catch (java.time.format.DateTimeParseException e) {
                    throw new CareledgerException("USAGE", "--expires must be an ISO-8601 instant, not '" + expires + "'");
                }
            }
            PatientWallet w = PatientWallet.open(wallet);
            String id = opts.consent(wallet).grant(w, by.signer(opts, w), grantee, types, records, purpose, exp);
            System.out.println("grant " + id + " to " + grantee + " for " + purpose);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a grant; its wrapped keys are purged.")
    static final class Revoke implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @Parameters(paramLabel = "GRANT_ID") String grantId;
        @Option(names = "--wallet", required = true) Path wallet;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            var r = opts.consent(wallet).revoke(by.signer(opts, w), grantId);
            System.out.println("grant " + grantId + " revoked at height " + r.height());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The patient's grants (JSON or FHIR Consent).")
    static final class ListGrants implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--wallet", required = true) Path wallet;
        @Option(names = "--fhir", description = "print a FHIR R4 Bundle of Consents") boolean fhir;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            String id = w.patientId();
            ConsentClient consent = opts.consent(wallet);
            System.out.println(Json.pretty(fhir ? consent.consentsFhir(w.signer(), id) : consent.consents(w.signer(), id)));
            return 0;
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Take an erased record's wrapped data key out of every grant still in force (their bundles are"
                    + " rebuilt without it and swapped in with consent.limit, purging the old ones). record erase"
                    + " --wallet does this itself; use it after an org admin erased on the patient's request.")
    static final class Forget implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @Parameters(paramLabel = "RECORD_ID") String recordId;
        @Option(names = "--wallet", required = true) Path wallet;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            boolean erased = opts.care(wallet).records(by.signer(opts, w), w.patientId()).stream()
                    .anyMatch(r -> r.recordId().equals(recordId) && r.erased());
            if (!erased) {
                throw new CareledgerException("RECORD_NOT_ERASED", "record " + recordId + " of " + w.patientId()
                        + " is not erased; narrow or revoke the grants instead");
            }
            List<String> changed = opts.consent(wallet).dropGrantKeys(by.signer(opts, w), w.patientId(), recordId);
            System.out.println("wrapped key of " + recordId + " taken out of " + changed.size() + " grant(s)"
                    + (changed.isEmpty() ? "" : ": " + String.join(", ", changed)));
            return 0;
        }
    }
}
