package org.careledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.careledger.api.claims.ClaimView;
import org.careledger.client.claims.ClaimsClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.claims.ClaimStates;
import org.careledger.contracts.claims.PreauthStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.Eligibility;
import org.careledger.core.claims.ServiceCode;
import org.careledger.core.json.CanonicalJson;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.claims.ImportedClaim;
import org.careledger.fhir.claims.SyntheaClaims;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code careledger claim …}: insurance claims and billing (docs/CLAIMS.md), one subcommand per flow, each a thin shell
 * over the SDK's {@link ClaimsClient}. Org members act with {@code --as ORG/NAME --network NET}; the patient with its
 * wallet, where its claims key lives ({@code claims.key}, made by the first {@code share-key}). Providers and
 * insurers unwrap the patient's key from the ledger with their org's key; nothing is decrypted at a node.
 */
@Command(name = "claim", mixinStandardHelpOptions = true, description = "Insurance claims and billing.",
        subcommands = {ClaimCommand.ShareKey.class, ClaimCommand.Coverage.class, ClaimCommand.Rules.class,
                ClaimCommand.Preauth.class, ClaimCommand.Submit.class, ClaimCommand.Correct.class,
                ClaimCommand.Import.class, ClaimCommand.Adjudicate.class, ClaimCommand.Pay.class,
                ClaimCommand.Appeal.class, ClaimCommand.ListClaims.class, ClaimCommand.Show.class,
                ClaimCommand.EligibilityCheck.class})
public final class ClaimCommand {
    /** The patient's claims key in its wallet directory. */
    static final String KEY_FILE = "claims.key";

    private ClaimCommand() {}

    /** The patient's claims key, made (32 random bytes, owner-only file) when {@code create} and absent. */
    static byte[] patientKey(Path wallet, boolean create) {
        Path file = wallet.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            if (!create) {
                throw new CareledgerException("CLAIM_KEY_NOT_SHARED", "the wallet at " + wallet + " has no claims key"
                        + " yet: share it first (careledger claim share-key --wallet " + wallet + " --with ORG)");
            }
            byte[] key = ClaimsClient.newKey();
            Files.write(file, key);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the wallet's other keys are protected the same way on such file systems: by the directory
            }
            return key;
        } catch (IOException e) {
            throw new CareledgerException("FILE_UNREADABLE", "cannot read or write " + file + ": " + e.getMessage());
        }
    }

    /** {@code system|code}, checked. */
    static ServiceCode service(String key) {
        try {
            return ServiceCode.ofKey(key);
        } catch (IllegalArgumentException e) {
            throw new CareledgerException("USAGE", e.getMessage());
        }
    }

    /** {@code system|code=units} options as a map, in the order given. */
    static Map<ServiceCode, Integer> services(List<String> specs) {
        Map<ServiceCode, Integer> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0) {
                throw new CareledgerException("USAGE", "a service is SYSTEM|CODE=UNITS, not '" + s + "'");
            }
            out.put(service(s.substring(0, eq)), units(s.substring(eq + 1), s));
        }
        return out;
    }

    private static int units(String n, String spec) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new CareledgerException("USAGE", "units must be a number in '" + spec + "'");
        }
    }

    static <T> T readJson(Path file, Class<T> type) {
        byte[] bytes = RecordCommand.read(file);
        try {
            return CanonicalJson.mapper().readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new CareledgerException("USAGE", file + " is not a " + type.getSimpleName() + " in JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The claims client of an org member's node (or the patient's: --node, else genesis, else the default URL). */
    static ClaimsClient claims(CareOptions opts, String org, Path wallet) {
        return new ClaimsClient(records(opts, org, wallet).http());
    }

    static RecordsClient records(CareOptions opts, String org, Path wallet) {
        return opts.careFor(org, wallet);
    }

    /** Who may read sealed claim values: the provider org, the insurer org and the patient (ids → X25519 keys). */
    static Map<String, byte[]> readers(CareOptions opts, CliIdentity caller, String providerOrg, String insurerOrg,
                                       PatientWallet patient) {
        RecordsClient rc = records(opts, caller.org(), null);
        Map<String, byte[]> out = new TreeMap<>();
        out.put(providerOrg, rc.orgEncryptionKey(caller.signer(), providerOrg));
        out.put(insurerOrg, rc.orgEncryptionKey(caller.signer(), insurerOrg));
        out.put(patient.identityId(), patient.encryptionKey().publicKey());
        return out;
    }

    /** The org of the coverage a claim bills (the insurer a provider's claim is sealed for). */
    static String insurerOf(ClaimView view) {
        return view.coverage().path("insurerOrg").asText();
    }

    @Command(name = "share-key", mixinStandardHelpOptions = true,
            description = {"The patient (or a guardian) shares its claims key with an insurer or provider org, wrapped"
                    + " for the org's X25519 key: the org can then compute the keyed fingerprints that catch duplicate"
                    + " billing. The key is made in the wallet (claims.key) on first use. A share cannot be taken back."})
    static final class ShareKey implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @Option(names = "--wallet", required = true) Path wallet;
        @Option(names = "--with", required = true, paramLabel = "ORG", split = ",") List<String> orgs;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            byte[] key = patientKey(wallet, true);
            RecordsClient rc = records(opts, null, wallet);
            ClaimsClient claims = new ClaimsClient(rc.http());
            for (String org : orgs) {
                var r = claims.shareKey(by.signer(opts, w), w.patientId(), key, org,
                        rc.orgEncryptionKey(w.signer(), org));
                System.out.println("claims key of " + w.patientId() + " shared with " + org + " at height "
                        + r.height());
            }
            return 0;
        }
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true, description = "The insurer records or ends a coverage.",
            subcommands = {CoverageRecord.class, CoverageEnd.class})
    static final class Coverage {}

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Record a patient's coverage under a plan that has published rules.")
    static final class CoverageRecord implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "an insurer's member") String as;
        @Option(names = "--patient", required = true, paramLabel = "p-…") String patientId;
        @Option(names = "--coverage", required = true, paramLabel = "COVERAGE_ID") String coverageId;
        @Option(names = "--plan", required = true, paramLabel = "PLAN_ID") String planId;
        @Option(names = "--from", required = true, paramLabel = "DAY") String from;
        @Option(names = "--to", required = true, paramLabel = "DAY") String to;
        @Option(names = "--relationship", defaultValue = "self") String relationship;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            var r = claims(opts, me.org(), null).recordCoverage(me.signer(), new ClaimArgs.RecordCoverage(coverageId,
                    patientId, planId, from, to, relationship));
            System.out.println("coverage " + coverageId + " of " + patientId + " under " + planId + " from " + from
                    + " to " + to + " recorded at height " + r.height());
            return 0;
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true, description = "End a coverage on a day (its last).")
    static final class CoverageEnd implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Parameters(paramLabel = "COVERAGE_ID") String coverageId;
        @Option(names = "--on", required = true, paramLabel = "DAY") String endOn;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            var r = claims(opts, me.org(), null).endCoverage(me.signer(), coverageId, endOn);
            System.out.println("coverage " + coverageId + " ends on " + endOn + " (height " + r.height() + ")");
            return 0;
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "A plan's benefit rules (public).",
            subcommands = {RulesPublish.class, RulesShow.class})
    static final class Rules {}

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publish the next version of a plan's rules from a JSON file (BenefitRules: planId, version,"
                    + " effectiveFrom, currency, feeSchedule, deductibleCents, copayCents, coinsuranceBps,"
                    + " preauthCodes, limitsPerYear; see docs/CLAIMS.md).")
    static final class RulesPublish implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Parameters(paramLabel = "RULES.json") Path file;

        @Override
        public Integer call() {
            BenefitRules rules = readJson(file, BenefitRules.class);
            CliIdentity me = opts.as(as);
            var r = claims(opts, me.org(), null).publishRules(me.signer(), rules);
            System.out.println("rules " + rules.planId() + " v" + rules.version() + " in force from "
                    + rules.effectiveFrom() + " published at height " + r.height());
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every published version of a plan.")
    static final class RulesShow implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Parameters(paramLabel = "PLAN_ID") String planId;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            System.out.println(Json.pretty(claims(opts, me.org(), null).rules(me.signer(), planId)));
            return 0;
        }
    }

    @Command(name = "preauth", mixinStandardHelpOptions = true, description = "Prior authorization.",
            subcommands = {PreauthRequest.class, PreauthDecide.class})
    static final class Preauth {}

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "The provider asks for prior authorization of services; they go sealed to the provider, the"
                    + " insurer and the patient, the ledger sees keyed service tags only. Prints the preauth id.")
    static final class PreauthRequest implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "a provider's member") String as;
        @Option(names = "--wallet", required = true, description = "the patient's wallet (its id and public key)")
        Path wallet;
        @Option(names = "--coverage", required = true) String coverageId;
        @Option(names = "--insurer", required = true, paramLabel = "ORG") String insurer;
        @Option(names = "--service", required = true, paramLabel = "SYSTEM|CODE=UNITS") List<String> services;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            PatientWallet w = PatientWallet.open(wallet);
            ClaimsClient claims = claims(opts, me.org(), null);
            byte[] key = claims.claimsKey(me.signer(), w.patientId(), me.org(), me.requireOrgKey());
            var pa = claims.requestPreauth(me.signer(), w.patientId(), coverageId, key, services(services),
                    readers(opts, me, me.org(), insurer, w));
            System.out.println("preauth " + pa.preauthId() + " asked for " + pa.services().size()
                    + " service(s) at height " + pa.response().height());
            return 0;
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "The insurer approves (all units), partly approves or denies a preauth. Give the services it"
                    + " approves as SYSTEM|CODE=UNITS: their tags are computed with the patient's key shared with the"
                    + " insurer.")
    static final class PreauthDecide implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Parameters(paramLabel = "PREAUTH_ID") String preauthId;
        @Option(names = "--patient", required = true, paramLabel = "p-…") String patientId;
        @Option(names = "--decision", required = true, description = "APPROVED, PARTIAL or DENIED") String decision;
        @Option(names = "--approve", paramLabel = "SYSTEM|CODE=UNITS") List<String> approved;
        @Option(names = "--expires", paramLabel = "DAY", description = "last day it may be used") String expires;

        @Override
        public Integer call() {
            PreauthStatus d;
            try {
                d = PreauthStatus.valueOf(decision);
            } catch (IllegalArgumentException e) {
                throw new CareledgerException("USAGE", "--decision is APPROVED, PARTIAL or DENIED, not " + decision);
            }
            CliIdentity me = opts.as(as);
            ClaimsClient claims = claims(opts, me.org(), null);
            TreeMap<String, Integer> byTag = new TreeMap<>();
            if (approved != null && !approved.isEmpty()) {
                byte[] key = claims.claimsKey(me.signer(), patientId, me.org(), me.requireOrgKey());
                services(approved).forEach((code, n) -> byTag.put(ClaimFingerprints.serviceTag(key, code), n));
            }
            var r = claims.decidePreauth(me.signer(), preauthId, d, byTag, expires);
            System.out.println("preauth " + preauthId + " " + d + (expires == null ? "" : " until " + expires)
                    + " at height " + r.height());
            return 0;
        }
    }

    /** Options of a provider's claim submission. */
    static final class SubmitOptions {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "a provider's member") String as;
        @Option(names = "--wallet", required = true, description = "the patient's wallet (its id and public key)")
        Path wallet;
        @Option(names = "--insurer", required = true, paramLabel = "ORG") String insurer;

        ClaimsClient.Submitted submit(ClaimContent content, String corrects) {
            CliIdentity me = opts.as(as);
            PatientWallet w = PatientWallet.open(wallet);
            if (!content.patientId().equals(w.patientId()) || !content.providerOrg().equals(me.org())) {
                throw new CareledgerException("USAGE", "claim " + content.claimId() + " is for " + content.patientId()
                        + " by " + content.providerOrg() + ", not " + w.patientId() + " by " + me.org());
            }
            ClaimsClient claims = claims(opts, me.org(), null);
            byte[] key = claims.claimsKey(me.signer(), w.patientId(), me.org(), me.requireOrgKey());
            return claims.submitClaim(me.signer(), content, key, readers(opts, me, me.org(), insurer, w), corrects);
        }
    }

    static void printSubmitted(ClaimsClient.Submitted s, ClaimContent c) {
        System.out.println("claim " + s.claimId() + " submitted: " + c.lines().size() + " line(s), service date "
                + c.serviceDate() + ", height " + s.response().height());
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "The provider submits a claim (ClaimContent JSON: claimId, patientId, coverageId,"
                    + " providerOrg, serviceDate, currency, lines, diagnoses, totalCents), sealed for the provider,"
                    + " the insurer and the patient, with keyed fingerprints and a commitment on the ledger.")
    static final class Submit implements Callable<Integer> {
        @Mixin SubmitOptions submit;
        @Parameters(paramLabel = "CLAIM.json") Path file;

        @Override
        public Integer call() {
            ClaimContent c = claimContent(file);
            printSubmitted(submit.submit(c, null), c);
            return 0;
        }
    }

    static ClaimContent claimContent(Path file) {
        return readJson(file, ClaimContent.class);
    }

    @Command(name = "correct", mixinStandardHelpOptions = true,
            description = "A corrected claim replaces an unpaid one of the same provider: a new claim that names it;"
                    + " the original becomes CORRECTED and its fingerprints are released. Nothing is edited in place.")
    static final class Correct implements Callable<Integer> {
        @Mixin SubmitOptions submit;
        @Parameters(index = "0", paramLabel = "ORIGINAL_CLAIM_ID") String original;
        @Parameters(index = "1", paramLabel = "CLAIM.json") Path file;

        @Override
        public Integer call() {
            ClaimContent c = claimContent(file);
            ClaimsClient.Submitted s = submit.submit(c, original);
            System.out.println("claim " + s.claimId() + " corrects " + original + " (height " + s.response().height()
                    + ")");
            return 0;
        }
    }

    @Command(name = "import", aliases = "import-fhir", mixinStandardHelpOptions = true,
            description = {"The provider submits every FHIR Claim of a Synthea Bundle: the Bundle is imported as records"
                    + " first (exactly once, so records already written are reused), each Claim becomes one claim whose"
                    + " lines bill the Encounter or prescription records, sealed and fingerprinted.",
                    "Claim ids are PREFIX-1, PREFIX-2, … in the Bundle's order; a claim already on the ledger is"
                    + " refused (DUPLICATE_CLAIM or CLAIM_EXISTS) and the import stops there."})
    static final class Import implements Callable<Integer> {
        @Mixin SubmitOptions submit;
        @Parameters(paramLabel = "BUNDLE.json") Path bundle;
        @Option(names = "--coverage", required = true) String coverageId;
        @Option(names = "--prefix", defaultValue = "claim", description = "claim id prefix (default: ${DEFAULT-VALUE})")
        String prefix;

        @Override
        public Integer call() {
            byte[] json = RecordCommand.read(bundle);
            CliIdentity me = submit.opts.as(submit.as);
            PatientWallet w = PatientWallet.open(submit.wallet);
            RecordsClient.Imported records = records(submit.opts, me.org(), submit.wallet).importBundle(me.author(), w,
                    json).orThrow();
            List<ImportedClaim> sources = new SyntheaClaims(FhirR4.shared()).read(json);
            long total = 0;
            int n = 0;
            for (ImportedClaim source : sources) {
                ClaimContent c = source.toContent(prefix + "-" + (++n), w.patientId(), coverageId, me.org(),
                        records.recordIds());
                printSubmitted(submit.submit(c, null), c);
                total += c.totalCents();
            }
            System.out.printf(java.util.Locale.ROOT, "%d claim(s) of %s submitted: %d.%02d %s in all%n", n, bundle,
                    total / 100, total % 100, sources.isEmpty() ? "" : sources.getFirst().currency());
            return 0;
        }
    }

    @Command(name = "adjudicate", aliases = "adjudication", mixinStandardHelpOptions = true,
            description = {"The insurer adjudicates a submitted (or appealed) claim by the rules in force at its service"
                    + " date, continuing the coverage's chain: it opens the claim, checks its fingerprints"
                    + " (CLAIM_FINGERPRINT_MISMATCH otherwise), runs the Adjudicator and commits the sealed result.",
                    "Lines that rely on a prior authorization need what was approved: --approval PREAUTH_ID=UNITS@DAY."})
    static final class Adjudicate implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME", description = "an insurer's member") String as;
        @Parameters(paramLabel = "CLAIM_ID") String claimId;
        @Option(names = "--wallet", required = true, description = "the patient's wallet (its public key: the patient"
                + " reads its explanation of benefit)") Path wallet;
        @Option(names = "--approval", paramLabel = "PREAUTH_ID=UNITS@DAY") List<String> approvals;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            PatientWallet w = PatientWallet.open(wallet);
            ClaimsClient claims = claims(opts, me.org(), null);
            String provider = ClaimsClient.claimState(claims.claim(me.signer(), claimId)).providerOrg();
            Map<String, ClaimsClient.Approved> approved = new TreeMap<>();
            for (String a : approvals == null ? List.<String>of() : approvals) {
                int eq = a.indexOf('=');
                int at = a.indexOf('@');
                if (eq <= 0 || at < eq) {
                    throw new CareledgerException("USAGE", "an approval is PREAUTH_ID=UNITS@DAY, not '" + a + "'");
                }
                approved.put(a.substring(0, eq), new ClaimsClient.Approved(units(a.substring(eq + 1, at), a),
                        a.substring(at + 1)));
            }
            ClaimsClient.Adjudicated r = claims.adjudicateFromLedger(me.signer(), me.org(), me.requireOrgKey(),
                    claimId, approved, readers(opts, me, provider, me.org(), w));
            System.out.println("claim " + claimId + " adjudicated " + r.adjudicationId() + " (rules v"
                    + r.result().rulesVersion() + "): " + summary(r.result()) + "; height " + r.response().height());
            return 0;
        }
    }

    static String summary(Adjudication a) {
        return String.format(java.util.Locale.ROOT, "%s, submitted %s, allowed %s, benefit %s, patient %s %s",
                a.outcome(), money(a.submitted()), money(a.allowed()), money(a.benefit()), money(a.patientShare()),
                a.currency());
    }

    static String money(long cents) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    @Command(name = "pay", mixinStandardHelpOptions = true,
            description = "The insurer records payment of the claim's latest adjudication: the benefit, committed under"
                    + " the adjudication's nonce; the claim is PAID.")
    static final class Pay implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Parameters(paramLabel = "CLAIM_ID") String claimId;
        @Option(names = "--paid-on", required = true, paramLabel = "DAY") String paidOn;
        @Option(names = "--remittance", required = true, paramLabel = "REF") String remittance;

        @Override
        public Integer call() {
            CliIdentity me = opts.as(as);
            ClaimsClient claims = claims(opts, me.org(), null);
            ClaimsClient.Adjudicated latest = claims.latestAdjudication(me.signer(), claimId, me.org(),
                    me.requireOrgKey());
            var r = claims.pay(me.signer(), latest, paidOn, remittance);
            System.out.println("claim " + claimId + " paid " + money(latest.result().benefit()) + " "
                    + latest.result().currency() + " on " + paidOn + " (" + remittance + "), height " + r.height());
            return 0;
        }
    }

    /** Who signs: an org member, or the patient (or a guardian) with its wallet. */
    static final class Signer {
        @Option(names = "--as", paramLabel = "ORG/NAME", description = "the provider's member") String as;
        @Option(names = "--wallet", description = "the patient's wallet (the patient, or with --guardian…, a guardian,"
                + " signs)") Path wallet;
    }

    @Command(name = "appeal", mixinStandardHelpOptions = true,
            description = "The claim's provider or its patient appeals an adjudicated or paid claim; the insurer then"
                    + " adjudicates it again (the old adjudication stays). The reason is sealed for the parties.")
    static final class Appeal implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @ArgGroup(multiplicity = "1") Signer who;
        @Parameters(paramLabel = "CLAIM_ID") String claimId;
        @Option(names = "--reason") String reason;
        @Option(names = "--patient-wallet", description = "with --as and --reason: the patient's wallet, so the"
                + " patient can read the reason") Path patientWallet;

        @Override
        public Integer call() {
            org.careledger.client.TxSigner signer;
            String org;
            PatientWallet patient;
            if (who.as != null) {
                CliIdentity me = opts.as(who.as);
                signer = me.signer();
                org = me.org();
                patient = patientWallet == null ? null : PatientWallet.open(patientWallet);
            } else {
                patient = PatientWallet.open(who.wallet);
                signer = by.signer(opts, patient);
                org = null;
            }
            ClaimsClient claims = claims(opts, org, who.wallet);
            Map<String, byte[]> readers = null;
            if (reason != null) {
                if (patient == null) {
                    throw new CareledgerException("USAGE", "a reason is sealed for the patient too: give"
                            + " --patient-wallet");
                }
                ClaimView view = claims.claim(signer, claimId);
                RecordsClient rc = records(opts, org, who.wallet);
                readers = new TreeMap<>();
                for (String party : List.of(ClaimsClient.claimState(view).providerOrg(), insurerOf(view))) {
                    readers.put(party, rc.orgEncryptionKey(signer, party));
                }
                readers.put(patient.identityId(), patient.encryptionKey().publicKey());
            }
            var r = claims.appeal(signer, claimId, reason, readers);
            System.out.println("claim " + claimId + " appealed at height " + r.height());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "A patient's claims the caller is a party to: the patient and guardians see all of them.")
    static final class ListClaims implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin ReaderOptions who;

        @Override
        public Integer call() {
            Reader reader = who.reader(opts);
            for (ClaimStates.Claim c : claims(opts, reader.org(), who.wallet).claims(reader.signer(),
                    reader.patientId())) {
                System.out.println(c.claimId() + " " + c.status() + " " + c.serviceDate() + " by " + c.providerOrg()
                        + " " + c.lines().size() + " line(s), " + c.adjudicationIds().size() + " adjudication(s), "
                        + c.paymentIds().size() + " payment(s)");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One claim as its party sees it: the ledger's public part and, opened with the caller's own"
                    + " key (the org's, or the patient's wallet), the claim's lines and every adjudication.")
    static final class Show implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin ReaderOptions who;
        @Parameters(paramLabel = "CLAIM_ID") String claimId;

        @Override
        public Integer call() {
            Reader reader = who.reader(opts);
            ClaimsClient claims = claims(opts, reader.org(), who.wallet);
            ClaimView view = claims.claim(reader.signer(), claimId);
            ClaimStates.Claim c = ClaimsClient.claimState(view);
            String as = reader.org() == null ? "patient/" + c.patientId() : reader.org();
            var key = reader.org() == null ? PatientWallet.open(who.wallet).encryptionKey()
                    : opts.as(who.as).requireOrgKey();
            ClaimContent content = claims.openClaim(reader.signer(), c, as, key).value();
            System.out.println("claim " + c.claimId() + " " + c.status() + " for " + c.patientId() + " by "
                    + c.providerOrg() + " on " + c.serviceDate() + ", coverage " + c.coverageId() + " ("
                    + insurerOf(view) + ")");
            content.lines().forEach(l -> System.out.println("  line " + l.sequence() + " " + l.service().key() + " x"
                    + l.quantity() + " " + money(l.submittedCents()) + " bills " + l.recordId()
                    + (l.preauthId() == null ? "" : " preauth " + l.preauthId())));
            System.out.println("  total " + money(content.totalCents()) + " " + content.currency());
            for (ClaimStates.Adjudication a : ClaimsClient.adjudications(view)) {
                Adjudication r = claims.openAdjudication(reader.signer(), a, as, key).value();
                System.out.println("  adjudication " + a.adjudicationId() + " (rules v" + a.rulesVersion() + "): "
                        + summary(r));
                r.lines().forEach(l -> System.out.println("    line " + l.sequence() + " " + l.reason()));
            }
            System.out.println("  " + view.payments().size() + " payment(s), " + view.appeals().size() + " appeal(s)");
            return 0;
        }
    }

    @Command(name = "eligibility", mixinStandardHelpOptions = true,
            description = "Is a coverage in force on a day, and for each service: covered, allowed amount per unit,"
                    + " prior authorization needed, yearly limit; what is used of the deductible and limits when the"
                    + " caller can open the coverage's latest adjudication (insurer, patient). From the ledger alone.")
    static final class EligibilityCheck implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin ReaderOptions who;
        @Option(names = "--coverage", required = true, paramLabel = "COVERAGE_ID") String coverageId;
        @Option(names = "--date", paramLabel = "DAY", description = "the service day (ISO; default: today, UTC)")
        String day;
        @Option(names = "--service", required = true, paramLabel = "SYSTEM|CODE",
                description = "a service to ask about (repeat for more)") List<String> services;
        @Option(names = "--fhir", description = "print the FHIR R4 CoverageEligibilityResponse instead")
        boolean fhir;

        @Override
        public Integer call() {
            Reader reader = who.reader(opts);
            ClaimsClient claims = claims(opts, reader.org(), who.wallet);
            String on = day != null ? day : java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            try {
                java.time.LocalDate.parse(on);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CareledgerException("USAGE", "--date '" + on + "' is not an ISO day such as 2025-01-31");
            }
            String as = reader.org() == null ? "patient/" + reader.patientId() : reader.org();
            var key = reader.org() == null ? PatientWallet.open(who.wallet).encryptionKey()
                    : opts.as(who.as).requireOrgKey();
            List<ServiceCode> asked = services.stream().map(ClaimCommand::service).toList();
            Eligibility e = claims.eligibility(reader.signer(), coverageId, on, asked, as, key);
            if (fhir) {
                var coverage = claims.coverage(reader.signer(), coverageId);
                var export = new org.careledger.fhir.claims.ClaimsFhirExport();
                java.time.Instant now = java.time.Instant.now();
                var request = export.eligibilityRequest(e, coverage.patientId(), coverage.insurerOrg(), now);
                System.out.println(org.careledger.fhir.FhirR4.shared().encodeToString(
                        export.eligibilityResponse(e, request, coverage.patientId(), coverage.insurerOrg(), now)));
                return 0;
            }
            System.out.println("coverage " + e.coverageId() + " (plan " + e.planId() + ") on " + e.day() + ": "
                    + (e.inForce() ? "in force, rules v" + e.rulesVersion() : "NOT in force (" + e.reason() + ")"));
            if (e.deductibleCents() != null) {
                System.out.println("  deductible " + money(e.deductibleCents()) + " " + e.currency() + " a year, left "
                        + (e.deductibleLeftCents() == null ? "unknown to " + as : money(e.deductibleLeftCents())));
            }
            for (Eligibility.Item i : e.items()) {
                System.out.println("  " + i.service().key() + ": " + (i.covered() ? "covered, allowed "
                        + money(i.allowedPerUnitCents()) + " per unit" : "not covered")
                        + (i.preauthRequired() ? ", prior authorization required" : "")
                        + (i.yearlyLimit() == null ? "" : ", limit " + i.yearlyLimit() + " a year ("
                        + (i.unitsLeft() == null ? "left unknown" : i.unitsLeft() + " left") + ")"));
            }
            return 0;
        }
    }
}
