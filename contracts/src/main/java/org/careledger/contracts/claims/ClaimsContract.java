package org.careledger.contracts.claims;

import static org.careledger.contracts.States.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.careledger.contracts.Args;
import org.careledger.contracts.audit.AccessKeys;
import org.careledger.contracts.audit.Disclosure;
import org.careledger.contracts.claims.ClaimArgs.LineRef;
import org.careledger.contracts.claims.ClaimStates.Claim;
import org.careledger.contracts.claims.ClaimStates.Coverage;
import org.careledger.contracts.claims.ClaimStates.KeyShare;
import org.careledger.contracts.claims.ClaimStates.Plan;
import org.careledger.contracts.claims.ClaimStates.Preauth;
import org.careledger.contracts.claims.ClaimStates.Rules;
import org.careledger.contracts.records.BlobClaims;
import org.careledger.contracts.records.CareRoles;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.PatientDirectory;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.RecordsContract;
import org.careledger.core.Hash;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * Insurance claims and billing with no code, diagnosis or amount in clear: coverage, versioned benefit rules, prior
 * authorization, claims, adjudication, payment and appeals. Claim content travels encrypted; the contract checks what
 * every node can check — parties, dates, statuses, that each line bills a record the claiming org wrote for the same
 * patient (phantom billing) and that no keyed fingerprint of a service is billed twice (duplicates). See
 * docs/CLAIMS.md and this package's {@code package-info.java}.
 */
public final class ClaimsContract implements Contract {
    public static final String NAME = "claims";
    public static final String INSURER_ORG_ROLE = "insurer";
    public static final int MAX_LINES = 256;
    public static final int MAX_PREAUTH_SERVICES = 64;
    public static final int MAX_UNITS = 10_000;
    public static final int MAX_APPEALS = 3;
    /** Purpose of use of the disclosures a claim's steps make: HL7 v3 ActReason HPAYMT, healthcare payment. */
    public static final String PAYMENT_PURPOSE = "HPAYMT";
    /** The decision of those disclosures in the patient's report: made for the payment of a claim. */
    public static final String PAYMENT_DECISION = "PAYMENT";
    /** Record types a claim line may bill: an encounter, or a medication or procedure given. */
    public static final Set<String> BILLABLE_TYPES = Set.of("Encounter", "MedicationRequest", "MedicationDispense",
            "MedicationAdministration", "Immunization", "Procedure");
    /** FHIR subscriber-relationship codes. */
    public static final Set<String> RELATIONSHIPS = Set.of("self", "spouse", "child", "parent", "common", "injured",
            "other");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final String CIPHERTEXT = "claim-ciphertext";
    private static final String KEYS = "claim-keys";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "shareKey" -> shareKey(ctx, Args.decode(args, ClaimArgs.ShareKey.class));
            case "recordCoverage" -> recordCoverage(ctx, Args.decode(args, ClaimArgs.RecordCoverage.class));
            case "endCoverage" -> endCoverage(ctx, Args.decode(args, ClaimArgs.EndCoverage.class));
            case "publishRules" -> publishRules(ctx, Args.decode(args, ClaimArgs.PublishRules.class));
            case "requestPreauth" -> requestPreauth(ctx, Args.decode(args, ClaimArgs.RequestPreauth.class));
            case "decidePreauth" -> decidePreauth(ctx, Args.decode(args, ClaimArgs.DecidePreauth.class));
            case "submitClaim" -> submitClaim(ctx, Args.decode(args, ClaimArgs.SubmitClaim.class));
            case "adjudicate" -> adjudicate(ctx, Args.decode(args, ClaimArgs.Adjudicate.class));
            case "pay" -> pay(ctx, Args.decode(args, ClaimArgs.Pay.class));
            case "appeal" -> appeal(ctx, Args.decode(args, ClaimArgs.Appeal.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "claims has no method '" + method + "'");
        }
    }

    // ---- reads (also used by views) ----

    /** The rules version of a plan in force on an ISO day: the greatest effectiveFrom on or before it. */
    public static Optional<Rules> rulesInForce(org.careledger.core.contract.StateAccess state, String planId,
                                               String day) {
        Rules found = null;
        for (byte[] value : state.scan(ClaimKeys.rulesOf(planId), Integer.MAX_VALUE).values()) {
            Rules rules = CanonicalJson.decode(value, Rules.class);
            if (rules.rules().effectiveFrom().compareTo(day) <= 0) {
                found = rules;
            }
        }
        return Optional.ofNullable(found);
    }

    // ---- methods ----

    private void shareKey(ContractContext ctx, ClaimArgs.ShareKey args) {
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        PatientDirectory.requireActsFor(ctx.signer(), patient, "share its claims key");
        String org = args.org();
        if (!Identifiers.isId(org) || ctx.state().get(StateKeys.org(org)).isEmpty()) {
            throw new ContractException("CLAIMS_ORG_UNKNOWN", "org '" + shown(org) + "' is not in the consortium");
        }
        Hash keys = hash(args.keysSha256(), "keysSha256");
        String key = ClaimKeys.keyShare(patient.patientId(), org);
        read(ctx.state(), key, KeyShare.class).ifPresent(old -> BlobClaims.purge(ctx, Hash.fromHex(old.keysSha256())));
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        KeyShare share = new KeyShare(patient.patientId(), org, keys.hex(), ctx.signer().id(), ctx.blockTimeMillis());
        byte[] value = CanonicalJson.encode(share);
        ctx.state().put(key, value);
        ctx.emitEncoded("ClaimsKeyShared", value);
    }

    private void recordCoverage(ContractContext ctx, ClaimArgs.RecordCoverage args) {
        Identity insurer = requireInsurer(ctx);
        String coverageId = id(args.coverageId(), "coverage id");
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        Plan plan = ownedPlan(ctx, args.planId(), insurer);
        String start = day(args.periodStart(), "periodStart");
        String end = day(args.periodEnd(), "periodEnd");
        if (start.compareTo(end) > 0) {
            throw new ContractException("COVERAGE_INVALID", "coverage period " + start + ".." + end + " ends before it"
                    + " starts");
        }
        if (args.relationship() == null || !RELATIONSHIPS.contains(args.relationship())) {
            throw new ContractException("COVERAGE_INVALID", "relationship '" + shown(args.relationship()) + "' is not"
                    + " one of " + new java.util.TreeSet<>(RELATIONSHIPS));
        }
        if (ctx.state().get(ClaimKeys.coverage(coverageId)).isPresent()) {
            throw new ContractException("COVERAGE_EXISTS", "coverage " + coverageId + " already exists");
        }
        Coverage coverage = new Coverage(coverageId, patient.patientId(), insurer.org(), plan.planId(), start, end,
                args.relationship(), insurer.id(), ctx.blockTimeMillis(), null, null);
        byte[] value = CanonicalJson.encode(coverage);
        ctx.state().put(ClaimKeys.coverage(coverageId), value);
        ctx.state().put(ClaimKeys.patientCoverage(patient.patientId(), coverageId), CanonicalJson.encode(coverageId));
        ctx.emitEncoded("CoverageRecorded", value);
    }

    private void endCoverage(ContractContext ctx, ClaimArgs.EndCoverage args) {
        Identity insurer = requireInsurer(ctx);
        Coverage coverage = coverage(ctx, args.coverageId());
        requireSameOrg(insurer, coverage.insurerOrg(), "end coverage " + coverage.coverageId());
        String end = day(args.endOn(), "endOn");
        if (coverage.endedOn() != null) {
            throw new ContractException("COVERAGE_ENDED", "coverage " + coverage.coverageId() + " already ended on "
                    + coverage.endedOn());
        }
        if (end.compareTo(coverage.periodStart()) < 0 || end.compareTo(coverage.periodEnd()) > 0) {
            throw new ContractException("COVERAGE_INVALID", "coverage " + coverage.coverageId() + " can end only within"
                    + " its period " + coverage.periodStart() + ".." + coverage.periodEnd() + ", not on " + end);
        }
        byte[] value = CanonicalJson.encode(coverage.ended(end));
        ctx.state().put(ClaimKeys.coverage(coverage.coverageId()), value);
        ctx.emitEncoded("CoverageEnded", value);
    }

    private void publishRules(ContractContext ctx, ClaimArgs.PublishRules args) {
        Identity insurer = requireInsurer(ctx);
        BenefitRules rules = args.rules();
        if (rules == null) {
            throw new ContractException("RULES_INVALID", "no rules given");
        }
        String problem = rules.problem();
        if (problem != null) {
            throw new ContractException("RULES_INVALID", problem);
        }
        String planId = id(rules.planId(), "plan id");
        String effective = day(rules.effectiveFrom(), "effectiveFrom");
        Optional<Plan> plan = read(ctx.state(), ClaimKeys.plan(planId), Plan.class);
        if (plan.isPresent()) {
            requireSameOrg(insurer, plan.get().insurerOrg(), "publish rules of plan " + planId);
        }
        int expected = plan.map(p -> p.latestVersion() + 1).orElse(1);
        if (rules.version() != expected) {
            throw new ContractException("RULES_VERSION_INVALID", "plan " + planId + " is at version "
                    + (expected - 1) + "; the next version is " + expected + ", not " + rules.version());
        }
        // a plan's first version may start in the past (no claim can have used the plan before it existed); any later
        // one must not, or the version in force for a claim already submitted could change
        if (plan.isPresent() && effective.compareTo(blockDay(ctx)) < 0) {
            throw new ContractException("RULES_VERSION_INVALID", "a later version takes effect on or after the day it is"
                    + " published (" + blockDay(ctx) + "), never retroactively; effectiveFrom " + effective);
        }
        if (plan.isPresent() && effective.compareTo(plan.get().latestEffectiveFrom()) <= 0) {
            throw new ContractException("RULES_VERSION_INVALID", "version " + rules.version() + " must take effect"
                    + " after version " + plan.get().latestVersion() + " (" + plan.get().latestEffectiveFrom() + ")");
        }
        ctx.state().put(ClaimKeys.plan(planId), CanonicalJson.encode(
                new Plan(planId, insurer.org(), rules.version(), effective)));
        byte[] value = CanonicalJson.encode(new Rules(rules, insurer.org(), insurer.id(), ctx.blockTimeMillis()));
        ctx.state().put(ClaimKeys.rules(planId, rules.version()), value);
        ctx.emit("RulesPublished", new RulesPublished(planId, rules.version(), effective, insurer.org()));
    }

    private void requestPreauth(ContractContext ctx, ClaimArgs.RequestPreauth args) {
        Identity provider = requireProvider(ctx);
        String preauthId = id(args.preauthId(), "preauth id");
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        Coverage coverage = coverageOf(ctx, args.coverageId(), patient.patientId());
        String today = blockDay(ctx);
        if (!coverage.inForce(today)) {
            throw new ContractException("COVERAGE_NOT_IN_FORCE", "coverage " + coverage.coverageId()
                    + " is not in force on " + today);
        }
        requireKeyShared(ctx, patient.patientId(), provider.org());
        if (ctx.state().get(ClaimKeys.preauth(preauthId)).isPresent()) {
            throw new ContractException("PREAUTH_EXISTS", "preauth " + preauthId + " already exists");
        }
        SortedMap<String, Integer> services = args.services() == null ? new TreeMap<>() : args.services();
        if (services.isEmpty() || services.size() > MAX_PREAUTH_SERVICES) {
            throw new ContractException("PREAUTH_REQUEST_INVALID", "a preauth asks for 1 to " + MAX_PREAUTH_SERVICES
                    + " services, got " + services.size());
        }
        for (Map.Entry<String, Integer> s : services.entrySet()) {
            if (s.getKey() == null || !HEX64.matcher(s.getKey()).matches() || s.getValue() == null
                    || s.getValue() < 1 || s.getValue() > MAX_UNITS) {
                throw new ContractException("PREAUTH_REQUEST_INVALID", "service tag '" + shown(s.getKey())
                        + "' must be 64 lowercase hex with 1 to " + MAX_UNITS + " units");
            }
        }
        Hash ciphertext = hash(args.ciphertextSha256(), "ciphertextSha256");
        Hash keys = hash(args.keysSha256(), "keysSha256");
        String key = ClaimKeys.preauth(preauthId);
        BlobClaims.claimAndAttach(ctx, ciphertext, key, CIPHERTEXT);
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        Preauth preauth = new Preauth(preauthId, patient.patientId(), coverage.coverageId(), provider.org(),
                provider.id(), ctx.blockTimeMillis(), services, ciphertext.hex(), keys.hex(), PreauthStatus.PENDING,
                null, null, null, null, null, null, null);
        byte[] value = CanonicalJson.encode(preauth);
        ctx.state().put(key, value);
        ctx.emitEncoded("PreauthRequested", value);
    }

    private void decidePreauth(ContractContext ctx, ClaimArgs.DecidePreauth args) {
        Identity insurer = requireInsurer(ctx);
        Preauth preauth = read(ctx.state(), ClaimKeys.preauth(idOrEmpty(args.preauthId())), Preauth.class)
                .orElseThrow(() -> new ContractException("PREAUTH_UNKNOWN", "preauth '" + shown(args.preauthId())
                        + "' does not exist"));
        Coverage coverage = coverage(ctx, preauth.coverageId());
        requireSameOrg(insurer, coverage.insurerOrg(), "decide preauth " + preauth.preauthId());
        if (preauth.status() != PreauthStatus.PENDING) {
            throw new ContractException("PREAUTH_NOT_PENDING", "preauth " + preauth.preauthId() + " was already "
                    + preauth.status());
        }
        PreauthStatus decision = args.decision();
        SortedMap<String, Integer> approved = args.approved() == null ? new TreeMap<>() : new TreeMap<>(args.approved());
        String expiry = null;
        if (decision == null || decision == PreauthStatus.PENDING) {
            throw new ContractException("PREAUTH_DECISION_INVALID", "decision must be APPROVED, PARTIAL or DENIED");
        }
        if (decision == PreauthStatus.DENIED) {
            if (!approved.isEmpty() || args.expiresOn() != null) {
                throw new ContractException("PREAUTH_DECISION_INVALID", "a denial approves no units and has no expiry");
            }
        } else {
            expiry = day(args.expiresOn(), "expiresOn");
            if (expiry.compareTo(blockDay(ctx)) < 0) {
                throw new ContractException("PREAUTH_DECISION_INVALID", "expiresOn " + expiry + " is already past");
            }
            int askedTotal = 0;
            int approvedTotal = 0;
            for (Map.Entry<String, Integer> a : approved.entrySet()) {
                Integer asked = preauth.requested().get(a.getKey());
                if (asked == null || a.getValue() == null || a.getValue() < 1 || a.getValue() > asked) {
                    throw new ContractException("PREAUTH_DECISION_INVALID", "service tag '" + shown(a.getKey())
                            + "' was not asked for, or its units are not within 1.." + asked);
                }
                approvedTotal += a.getValue();
            }
            for (int units : preauth.requested().values()) {
                askedTotal += units;
            }
            boolean all = approvedTotal == askedTotal;
            if (approved.isEmpty() || (decision == PreauthStatus.APPROVED) != all) {
                throw new ContractException("PREAUTH_DECISION_INVALID", decision + " must approve "
                        + (decision == PreauthStatus.APPROVED ? "every unit asked" : "some, not all, units asked")
                        + "; approved " + approvedTotal + " of " + askedTotal);
            }
        }
        String ciphertext = null;
        String keys = null;
        if (args.ciphertextSha256() != null || args.keysSha256() != null) {
            Hash c = hash(args.ciphertextSha256(), "ciphertextSha256");
            Hash k = hash(args.keysSha256(), "keysSha256");
            BlobClaims.claimAndAttach(ctx, c, ClaimKeys.preauth(preauth.preauthId()), CIPHERTEXT);
            BlobClaims.claimAndAttach(ctx, k, ClaimKeys.preauth(preauth.preauthId()), KEYS);
            ciphertext = c.hex();
            keys = k.hex();
        }
        byte[] value = CanonicalJson.encode(preauth.decided(decision, approved, expiry, insurer.id(),
                ctx.blockTimeMillis(), ciphertext, keys));
        ctx.state().put(ClaimKeys.preauth(preauth.preauthId()), value);
        ctx.emitEncoded("PreauthDecided", value);
    }

    private void submitClaim(ContractContext ctx, ClaimArgs.SubmitClaim args) {
        Identity provider = requireProvider(ctx);
        String claimId = id(args.claimId(), "claim id");
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        Coverage coverage = coverageOf(ctx, args.coverageId(), patient.patientId());
        String serviceDate = day(args.serviceDate(), "serviceDate");
        if (serviceDate.compareTo(blockDay(ctx)) > 0) {
            throw new ContractException("CLAIMS_DATE_INVALID", "service date " + serviceDate + " is after today ("
                    + blockDay(ctx) + ")");
        }
        if (!coverage.inForce(serviceDate)) {
            throw new ContractException("COVERAGE_NOT_IN_FORCE", "coverage " + coverage.coverageId()
                    + " was not in force on " + serviceDate);
        }
        if (rulesInForce(ctx.state(), coverage.planId(), serviceDate).isEmpty()) {
            throw new ContractException("RULES_NOT_IN_FORCE", "plan " + coverage.planId() + " has no rules in force on "
                    + serviceDate);
        }
        requireKeyShared(ctx, patient.patientId(), provider.org());
        if (ctx.state().get(ClaimKeys.claim(claimId)).isPresent()) {
            throw new ContractException("CLAIM_EXISTS", "claim " + claimId + " already exists; claim ids are never"
                    + " reused");
        }
        if (args.correctsClaimId() != null) {
            correct(ctx, args.correctsClaimId(), claimId, patient.patientId(), provider);
        }
        List<LineRef> lines = args.lines() == null ? List.of() : args.lines();
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new ContractException("CLAIM_LINES_INVALID", "a claim has 1 to " + MAX_LINES + " lines, got "
                    + lines.size());
        }
        Set<String> fingerprints = new TreeSet<>(); // sorted: writes in the same order on every node
        for (int i = 0; i < lines.size(); i++) {
            LineRef line = lines.get(i);
            String where = "line " + (i + 1);
            if (line == null || line.fingerprint() == null || !HEX64.matcher(line.fingerprint()).matches()) {
                throw new ContractException("CLAIM_LINES_INVALID", where + ": fingerprint must be 64 lowercase hex");
            }
            phantom(ctx, line.recordId(), patient.patientId(), provider.org(), where);
            if (!fingerprints.add(line.fingerprint())) {
                throw new ContractException("DUPLICATE_CLAIM", where + " bills the same service on the same day as"
                        + " another line of this claim; one line per service, with a quantity");
            }
            Optional<String> earlier = read(ctx.state(), ClaimKeys.fingerprint(patient.patientId(), line.fingerprint()),
                    String.class);
            if (earlier.isPresent()) {
                throw new ContractException("DUPLICATE_CLAIM", where + " bills a service already billed for patient "
                        + patient.patientId() + " on " + serviceDate + " by claim " + earlier.get());
            }
            usePreauth(ctx, line, where, patient.patientId(), coverage.coverageId(), provider.org(), serviceDate);
        }
        Hash ciphertext = hash(args.ciphertextSha256(), "ciphertextSha256");
        Hash keys = hash(args.keysSha256(), "keysSha256");
        String commitment = commitment(args.totalCommitment(), "totalCommitment");
        String key = ClaimKeys.claim(claimId);
        BlobClaims.claimAndAttach(ctx, ciphertext, key, CIPHERTEXT);
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        for (String fp : fingerprints) {
            ctx.state().put(ClaimKeys.fingerprint(patient.patientId(), fp), CanonicalJson.encode(claimId));
        }
        Claim claim = new Claim(claimId, patient.patientId(), coverage.coverageId(), provider.org(), provider.id(),
                ctx.blockTimeMillis(), serviceDate, lines, ciphertext.hex(), keys.hex(), commitment,
                args.correctsClaimId(), null, ClaimStatus.SUBMITTED, null, null, null);
        byte[] value = CanonicalJson.encode(claim);
        ctx.state().put(key, value);
        ctx.state().put(ClaimKeys.patientClaim(patient.patientId(), claimId), CanonicalJson.encode(claimId));
        disclose(ctx, claim, provider);
        ctx.emitEncoded("ClaimSubmitted", value);
    }

    /** Phantom billing: the line must bill a live, billable record of the same patient written by the claiming org. */
    private static void phantom(ContractContext ctx, String recordId, String patientId, String org, String where) {
        RecordMeta record = RecordsContract.find(ctx.state(), recordId).orElse(null);
        String problem = record == null ? "does not exist"
                : !record.patientId().equals(patientId) ? "belongs to another patient"
                : !record.authorOrg().equals(org) ? "was written by another org, not by " + org
                : record.erased() ? "was erased"
                : !BILLABLE_TYPES.contains(record.recordType()) ? "is a " + record.recordType() + ", not one of "
                        + new java.util.TreeSet<>(BILLABLE_TYPES)
                : null;
        if (problem != null) {
            throw new ContractException("CLAIM_PHANTOM", where + " bills record '" + shown(recordId) + "', which "
                    + problem + ": every line must bill an Encounter or medication record of the patient that the"
                    + " claiming org wrote");
        }
    }

    private static void usePreauth(ContractContext ctx, LineRef line, String where, String patientId,
                                   String coverageId, String org, String serviceDate) {
        if (line.preauthId() == null) {
            if (line.serviceTag() != null) {
                throw new ContractException("CLAIM_LINES_INVALID", where + ": a serviceTag goes with a preauthId");
            }
            return;
        }
        if (line.serviceTag() == null || !HEX64.matcher(line.serviceTag()).matches()) {
            throw new ContractException("CLAIM_LINES_INVALID", where + ": a line naming a preauth needs its serviceTag"
                    + " (64 lowercase hex)");
        }
        Preauth preauth = read(ctx.state(), ClaimKeys.preauth(idOrEmpty(line.preauthId())), Preauth.class)
                .orElse(null);
        if (preauth == null || !preauth.patientId().equals(patientId) || !preauth.coverageId().equals(coverageId)
                || !preauth.providerOrg().equals(org)) {
            throw new ContractException("PREAUTH_INVALID", where + ": preauth '" + shown(line.preauthId())
                    + "' is not one " + org + " asked for this patient under coverage " + coverageId);
        }
        if (preauth.status() != PreauthStatus.APPROVED && preauth.status() != PreauthStatus.PARTIAL) {
            throw new ContractException("PREAUTH_NOT_APPROVED", where + ": preauth " + preauth.preauthId() + " is "
                    + preauth.status());
        }
        if (serviceDate.compareTo(preauth.expiresOn()) > 0) {
            throw new ContractException("PREAUTH_EXPIRED", where + ": preauth " + preauth.preauthId() + " expired on "
                    + preauth.expiresOn() + ", before the service date " + serviceDate);
        }
        Integer approved = preauth.approved().get(line.serviceTag());
        if (approved == null) {
            throw new ContractException("PREAUTH_OUT_OF_SCOPE", where + ": preauth " + preauth.preauthId()
                    + " does not approve this service");
        }
        if (preauth.used().getOrDefault(line.serviceTag(), 0) >= approved) {
            throw new ContractException("PREAUTH_EXHAUSTED", where + ": preauth " + preauth.preauthId()
                    + " approved " + approved + " claim line(s) of this service and all are used");
        }
        ctx.state().put(ClaimKeys.preauth(preauth.preauthId()),
                CanonicalJson.encode(preauth.withUse(line.serviceTag(), 1)));
    }

    /** A correction voids the original (same org, not paid): its fingerprints and preauth uses are released. */
    private static void correct(ContractContext ctx, String originalId, String claimId, String patientId,
                                Identity provider) {
        Claim original = read(ctx.state(), ClaimKeys.claim(idOrEmpty(originalId)), Claim.class).orElse(null);
        String problem = original == null ? "does not exist"
                : !original.patientId().equals(patientId) ? "is another patient's"
                : !original.providerOrg().equals(provider.org()) ? "was submitted by " + original.providerOrg()
                : original.status() != ClaimStatus.SUBMITTED && original.status() != ClaimStatus.ADJUDICATED
                        ? "is " + original.status() + " (a paid claim is appealed, not corrected)"
                : null;
        if (problem != null) {
            throw new ContractException("CLAIM_CORRECTION_INVALID", "claim '" + shown(originalId) + "' "
                    + problem + "; only a SUBMITTED or ADJUDICATED claim of the same org and patient is corrected");
        }
        for (LineRef line : original.lines()) {
            ctx.state().delete(ClaimKeys.fingerprint(patientId, line.fingerprint()));
            if (line.preauthId() != null) {
                read(ctx.state(), ClaimKeys.preauth(line.preauthId()), Preauth.class).ifPresent(p -> ctx.state().put(
                        ClaimKeys.preauth(p.preauthId()), CanonicalJson.encode(p.withUse(line.serviceTag(), -1))));
            }
        }
        byte[] value = CanonicalJson.encode(original.with(ClaimStatus.CORRECTED, claimId, null, null, null));
        ctx.state().put(ClaimKeys.claim(original.claimId()), value);
        ctx.emitEncoded("ClaimCorrected", value);
    }

    private void adjudicate(ContractContext ctx, ClaimArgs.Adjudicate args) {
        Identity insurer = requireInsurer(ctx);
        Claim claim = claim(ctx, args.claimId());
        Coverage coverage = coverage(ctx, claim.coverageId());
        requireSameOrg(insurer, coverage.insurerOrg(), "adjudicate claim " + claim.claimId());
        if (claim.status() != ClaimStatus.SUBMITTED && claim.status() != ClaimStatus.APPEALED) {
            throw new ContractException("CLAIM_STATUS_INVALID", "claim " + claim.claimId() + " is " + claim.status()
                    + "; only a SUBMITTED or APPEALED claim is adjudicated");
        }
        String adjudicationId = id(args.adjudicationId(), "adjudication id");
        if (ctx.state().get(ClaimKeys.adjudication(adjudicationId)).isPresent()) {
            throw new ContractException("ADJUDICATION_EXISTS", "adjudication " + adjudicationId + " already exists");
        }
        Rules rules = rulesInForce(ctx.state(), coverage.planId(), claim.serviceDate()).orElseThrow(() ->
                new ContractException("RULES_NOT_IN_FORCE", "plan " + coverage.planId() + " has no rules in force on "
                        + claim.serviceDate()));
        if (args.rulesVersion() != rules.rules().version()) {
            throw new ContractException("RULES_VERSION_MISMATCH", "claim " + claim.claimId() + " (service date "
                    + claim.serviceDate() + ") is adjudicated by plan " + coverage.planId() + " version "
                    + rules.rules().version() + ", not " + args.rulesVersion());
        }
        if (!java.util.Objects.equals(args.previousAdjudicationId(), coverage.lastAdjudicationId())) {
            throw new ContractException("ADJUDICATION_OUT_OF_ORDER", "coverage " + coverage.coverageId()
                    + "'s latest adjudication is " + coverage.lastAdjudicationId() + ", not "
                    + shown(args.previousAdjudicationId()) + "; adjudications of a coverage form one chain");
        }
        Hash ciphertext = hash(args.ciphertextSha256(), "ciphertextSha256");
        Hash keys = hash(args.keysSha256(), "keysSha256");
        String commitment = commitment(args.resultCommitment(), "resultCommitment");
        String key = ClaimKeys.adjudication(adjudicationId);
        BlobClaims.claimAndAttach(ctx, ciphertext, key, CIPHERTEXT);
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        ClaimStates.Adjudication record = new ClaimStates.Adjudication(adjudicationId, claim.claimId(),
                coverage.coverageId(), coverage.planId(), rules.rules().version(), args.previousAdjudicationId(),
                ciphertext.hex(), keys.hex(), commitment, insurer.id(), ctx.blockTimeMillis());
        byte[] value = CanonicalJson.encode(record);
        ctx.state().put(key, value);
        ctx.state().put(ClaimKeys.coverage(coverage.coverageId()),
                CanonicalJson.encode(coverage.adjudicated(adjudicationId)));
        ctx.state().put(ClaimKeys.claim(claim.claimId()),
                CanonicalJson.encode(claim.with(ClaimStatus.ADJUDICATED, null, adjudicationId, null, null)));
        disclose(ctx, claim, insurer);
        ctx.emitEncoded("ClaimAdjudicated", value);
    }

    private void pay(ContractContext ctx, ClaimArgs.Pay args) {
        Identity insurer = requireInsurer(ctx);
        Claim claim = claim(ctx, args.claimId());
        Coverage coverage = coverage(ctx, claim.coverageId());
        requireSameOrg(insurer, coverage.insurerOrg(), "pay claim " + claim.claimId());
        if (claim.status() != ClaimStatus.ADJUDICATED) {
            throw new ContractException("CLAIM_STATUS_INVALID", "claim " + claim.claimId() + " is " + claim.status()
                    + "; only an ADJUDICATED claim is paid");
        }
        String paymentId = id(args.paymentId(), "payment id");
        if (ctx.state().get(ClaimKeys.payment(paymentId)).isPresent()) {
            throw new ContractException("PAYMENT_EXISTS", "payment " + paymentId + " already exists");
        }
        String paidOn = day(args.paidOn(), "paidOn");
        if (paidOn.compareTo(claim.serviceDate()) < 0 || paidOn.compareTo(blockDay(ctx)) > 0) {
            throw new ContractException("PAYMENT_INVALID", "paidOn " + paidOn + " must lie between the service date "
                    + claim.serviceDate() + " and today (" + blockDay(ctx) + ")");
        }
        String ref = args.remittanceRef();
        if (!Identifiers.isReference(ref)) {
            throw new ContractException("PAYMENT_INVALID", "remittanceRef '" + shown(ref) + "' must match "
                    + Identifiers.REFERENCE.pattern());
        }
        String commitment = commitment(args.amountCommitment(), "amountCommitment");
        String adjudicationId = claim.adjudicationIds().get(claim.adjudicationIds().size() - 1);
        ClaimStates.Payment payment = new ClaimStates.Payment(paymentId, claim.claimId(), adjudicationId, paidOn, ref,
                commitment, insurer.id(), ctx.blockTimeMillis());
        byte[] value = CanonicalJson.encode(payment);
        ctx.state().put(ClaimKeys.payment(paymentId), value);
        ctx.state().put(ClaimKeys.claim(claim.claimId()),
                CanonicalJson.encode(claim.with(ClaimStatus.PAID, null, null, paymentId, null)));
        disclose(ctx, claim, insurer);
        ctx.emitEncoded("ClaimPaid", value);
    }

    /**
     * The patient's accounting of disclosures (issue 12, flow 7): a claim's submission by the provider and its
     * adjudication and payment by the insurer each disclose the billed records for payment, so each is written as one
     * {@link Disclosure} per billed record with purpose {@link #PAYMENT_PURPOSE} and decision
     * {@link #PAYMENT_DECISION}, in the same index as the audited record reads: the patient's report lists them in
     * block order, each with the proof of its transaction. Ids derive from the transaction id, so every node writes
     * the same keys.
     */
    private static void disclose(ContractContext ctx, Claim claim, Identity by) {
        int n = 0;
        for (String recordId : new TreeSet<>(claim.lines().stream().map(LineRef::recordId).toList())) {
            String recordType = RecordsContract.find(ctx.state(), recordId).map(RecordMeta::recordType).orElse(null);
            String accessId = "hpaymt-" + ctx.txId().hex() + "-" + n++;
            Disclosure d = new Disclosure(accessId, ctx.txId().hex(), recordId, claim.patientId(), recordType, by.id(),
                    by.org(), PAYMENT_PURPOSE, true, PAYMENT_DECISION, null, false, null, null, null,
                    ctx.blockTimeMillis(), ctx.blockHeight());
            ctx.state().put(AccessKeys.access(accessId), CanonicalJson.encode(d));
            ctx.state().put(AccessKeys.patientDisclosure(claim.patientId(), ctx.blockHeight(), accessId),
                    CanonicalJson.encode(accessId));
        }
    }

    private void appeal(ContractContext ctx, ClaimArgs.Appeal args) {
        Claim claim = claim(ctx, args.claimId());
        Identity signer = ctx.signer();
        PatientRecord patient = PatientDirectory.require(ctx, claim.patientId());
        boolean provider = signer.org().equals(claim.providerOrg())
                && (signer.kind() == Identity.Kind.MEMBER || signer.kind() == Identity.Kind.ORG_ADMIN);
        if (!provider && !PatientDirectory.actsFor(signer, patient)) {
            throw new ContractException("CLAIMS_NOT_PARTY", signer.id() + " may not appeal claim " + claim.claimId()
                    + ": only its provider org " + claim.providerOrg() + " or the patient (or a guardian) may");
        }
        if (claim.status() != ClaimStatus.ADJUDICATED && claim.status() != ClaimStatus.PAID) {
            throw new ContractException("CLAIM_STATUS_INVALID", "claim " + claim.claimId() + " is " + claim.status()
                    + "; only an ADJUDICATED or PAID claim is appealed");
        }
        if (claim.appealIds().size() >= MAX_APPEALS) {
            throw new ContractException("APPEAL_LIMIT", "claim " + claim.claimId() + " was appealed " + MAX_APPEALS
                    + " times already");
        }
        String appealId = id(args.appealId(), "appeal id");
        String key = ClaimKeys.appeal(appealId);
        if (ctx.state().get(key).isPresent()) {
            throw new ContractException("APPEAL_EXISTS", "appeal " + appealId + " already exists");
        }
        String ciphertext = null;
        String keys = null;
        if (args.ciphertextSha256() != null || args.keysSha256() != null) {
            Hash c = hash(args.ciphertextSha256(), "ciphertextSha256");
            Hash k = hash(args.keysSha256(), "keysSha256");
            BlobClaims.claimAndAttach(ctx, c, key, CIPHERTEXT);
            BlobClaims.claimAndAttach(ctx, k, key, KEYS);
            ciphertext = c.hex();
            keys = k.hex();
        }
        byte[] value = CanonicalJson.encode(new ClaimStates.Appeal(appealId, claim.claimId(), signer.id(), ciphertext,
                keys, ctx.blockTimeMillis()));
        ctx.state().put(key, value);
        ctx.state().put(ClaimKeys.claim(claim.claimId()),
                CanonicalJson.encode(claim.with(ClaimStatus.APPEALED, null, null, null, appealId)));
        ctx.emitEncoded("ClaimAppealed", value);
    }

    // ---- checks ----

    private static Identity requireInsurer(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (!isOrgActor(signer) || !orgHasRole(ctx, signer.org(), INSURER_ORG_ROLE)) {
            throw new ContractException("CLAIMS_NOT_INSURER", signer.id() + " is not a member or admin of an org"
                    + " with role " + INSURER_ORG_ROLE);
        }
        return signer;
    }

    private static Identity requireProvider(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (!isOrgActor(signer) || !CareRoles.isProviderOrg(ctx.state(), signer.org())) {
            throw new ContractException("CLAIMS_NOT_PROVIDER", signer.id() + " is not a member or admin of a "
                    + String.join(" or ", CareRoles.PROVIDER_ORG_ROLES) + " org");
        }
        return signer;
    }

    private static boolean isOrgActor(Identity signer) {
        return signer.kind() == Identity.Kind.MEMBER || signer.kind() == Identity.Kind.ORG_ADMIN;
    }

    private static boolean orgHasRole(ContractContext ctx, String org, String role) {
        return read(ctx.state(), StateKeys.org(org), OrgRecord.class).map(o -> o.roles().contains(role)).orElse(false);
    }

    private static void requireSameOrg(Identity signer, String org, String action) {
        if (!signer.org().equals(org)) {
            throw new ContractException("CLAIMS_NOT_PARTY", signer.id() + " cannot " + action + ": that belongs to "
                    + org);
        }
    }

    private static void requireKeyShared(ContractContext ctx, String patientId, String org) {
        if (ctx.state().get(ClaimKeys.keyShare(patientId, org)).isEmpty()) {
            throw new ContractException("CLAIM_KEY_NOT_SHARED", "patient " + patientId + " has not shared its claims"
                    + " key with " + org + " (claims.shareKey), so " + org + " cannot bill it");
        }
    }

    private static Plan ownedPlan(ContractContext ctx, String planId, Identity insurer) {
        Plan plan = read(ctx.state(), ClaimKeys.plan(idOrEmpty(planId)), Plan.class).orElseThrow(() ->
                new ContractException("PLAN_UNKNOWN", "plan '" + shown(planId) + "' has no published rules"));
        requireSameOrg(insurer, plan.insurerOrg(), "cover patients under plan " + plan.planId());
        return plan;
    }

    private static Coverage coverage(ContractContext ctx, String coverageId) {
        return read(ctx.state(), ClaimKeys.coverage(idOrEmpty(coverageId)), Coverage.class).orElseThrow(() ->
                new ContractException("COVERAGE_UNKNOWN", "coverage '" + shown(coverageId) + "' does not exist"));
    }

    private static Coverage coverageOf(ContractContext ctx, String coverageId, String patientId) {
        Coverage coverage = coverage(ctx, coverageId);
        if (!coverage.patientId().equals(patientId)) {
            throw new ContractException("COVERAGE_UNKNOWN", "coverage " + coverageId + " is not patient "
                    + patientId + "'s");
        }
        return coverage;
    }

    private static Claim claim(ContractContext ctx, String claimId) {
        return read(ctx.state(), ClaimKeys.claim(idOrEmpty(claimId)), Claim.class).orElseThrow(() ->
                new ContractException("CLAIM_UNKNOWN", "claim '" + shown(claimId) + "' does not exist"));
    }

    private static String id(String value, String what) {
        if (!Identifiers.isId(value)) {
            throw new ContractException("CLAIMS_ID_INVALID", what + " '" + shown(value) + "' must match "
                    + Identifiers.ID.pattern());
        }
        return value;
    }

    /** An id safe to put in a key, or a value no key has (so the lookup finds nothing). */
    private static String idOrEmpty(String value) {
        return value != null && Identifiers.isId(value) ? value : "";
    }

    private static Hash hash(String hex, String what) {
        return Identifiers.requireSha256(hex, "CLAIMS_HASH_INVALID", what);
    }

    private static String commitment(String hex, String what) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new ContractException("CLAIMS_HASH_INVALID", what + " must be 64 lowercase hex, got '" + shown(hex)
                    + "'");
        }
        return hex;
    }

    /** A valid ISO day, spelled exactly {@code yyyy-MM-dd}, so string order is date order. */
    static String day(String value, String what) {
        if (value != null && DAY.matcher(value).matches()) {
            try {
                LocalDate.parse(value);
                return value;
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw new ContractException("CLAIMS_DATE_INVALID", what + " '" + shown(value) + "' is not an ISO day such as"
                + " 2025-01-31");
    }

    /** The block's day in UTC: the only "today" a contract has. */
    static String blockDay(ContractContext ctx) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(ctx.blockTimeMillis()), ZoneOffset.UTC).toString();
    }

    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    /** Event payload of {@code RulesPublished}. */
    public record RulesPublished(String planId, int version, String effectiveFrom, String insurerOrg) {}
}
