package org.careledger.contracts.research;

import static org.careledger.contracts.States.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.careledger.contracts.Args;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.research.ResearchStates.ProtocolVersion;
import org.careledger.contracts.research.ResearchStates.ResearchConsent;
import org.careledger.contracts.research.ResearchStates.Step;
import org.careledger.contracts.research.ResearchStates.Study;
import org.careledger.contracts.research.ResearchStates.Subject;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.Outcome;

/**
 * Clinical research with the registry in clear and participation pseudonymous: a sponsor registers a study (protocol
 * and SAP hashes, pre-specified outcomes) before anyone is enrolled, amends it in numbered versions (the contract
 * marks outcome changes itself), sites record research consent per protocol version, move per-study subjects through
 * candidate → on-study → off-study / withdrawn, and release de-identified datasets (root and counts); the sponsor
 * registers results per declared outcome. No patient id or patient signature is ever part of it. See
 * docs/RESEARCH.md and this package's {@code package-info.java}.
 */
public final class ResearchContract implements Contract {
    public static final String NAME = "research";
    public static final String SPONSOR_ORG_ROLE = "sponsor";
    /** The purpose of use of every release (HL7 v3 PurposeOfUse): research. */
    public static final String PURPOSE = "HRESCH";
    public static final int MAX_SITES = 64;
    public static final int MAX_OUTCOMES = 64;
    public static final int MAX_RELEASE_SUBJECTS = 10_000;
    public static final int MAX_TEXT = 1_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "register" -> register(ctx, Args.decode(args, ResearchArgs.Register.class));
            case "amend" -> amend(ctx, Args.decode(args, ResearchArgs.Amend.class));
            case "consent" -> consent(ctx, Args.decode(args, ResearchArgs.Consent.class));
            case "withdraw" -> withdraw(ctx, Args.decode(args, ResearchArgs.Withdraw.class));
            case "enrol" -> enrol(ctx, Args.decode(args, ResearchArgs.Enrol.class));
            case "transition" -> transition(ctx, Args.decode(args, ResearchArgs.Transition.class));
            case "release" -> release(ctx, Args.decode(args, ResearchArgs.Release.class));
            case "results" -> results(ctx, Args.decode(args, ResearchArgs.Results.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "research has no method '" + method + "'");
        }
    }

    // ---- reads (also used by views) ----

    /** Every protocol version of a study, version 1 first. */
    public static List<ProtocolVersion> versions(StateAccess state, String studyId) {
        return state.scan(ResearchKeys.versionsOf(studyId), Integer.MAX_VALUE).values().stream()
                .map(b -> CanonicalJson.decode(b, ProtocolVersion.class)).toList();
    }

    /** Whether a consent covers new data: given, not withdrawn, and not older than the last re-consent amendment. */
    public static boolean inForce(Study study, ResearchConsent consent) {
        return consent != null && !consent.withdrawn() && consent.protocolVersion() >= study.reconsentFrom();
    }

    // ---- methods ----

    private void register(ContractContext ctx, ResearchArgs.Register args) {
        Identity sponsor = requireSponsor(ctx);
        String studyId = id(args.studyId(), "study id");
        if (ctx.state().get(ResearchKeys.study(studyId)).isPresent()) {
            throw new ContractException("RESEARCH_STUDY_EXISTS", "study " + studyId + " is already registered");
        }
        String title = text(args.title(), "title");
        List<String> sites = sites(ctx, args.sites());
        List<Outcome> outcomes = outcomes(args.outcomes());
        if (args.startsAtMillis() < 0) {
            throw new ContractException("RESEARCH_STUDY_INVALID", "startsAtMillis must not be negative");
        }
        String txId = ctx.txId().hex();
        ProtocolVersion v1 = new ProtocolVersion(studyId, 1, hash(args.protocolSha256(), "protocolSha256"),
                text(args.protocolMediaType(), "protocolMediaType"), hash(args.sapSha256(), "sapSha256"), outcomes,
                "registration", false, List.of(), false, sponsor.id(), ctx.blockTimeMillis(), ctx.blockHeight(), txId);
        Study study = new Study(studyId, title, sponsor.org(), sites, 1, 1, args.startsAtMillis(), sponsor.id(),
                ctx.blockTimeMillis(), ctx.blockHeight(), txId, ids(outcomes), null, null, null);
        byte[] value = CanonicalJson.encode(study);
        ctx.state().put(ResearchKeys.study(studyId), value);
        ctx.state().put(ResearchKeys.version(studyId, 1), CanonicalJson.encode(v1));
        ctx.emitEncoded("StudyRegistered", value);
    }

    private void amend(ContractContext ctx, ResearchArgs.Amend args) {
        Identity sponsor = requireSponsor(ctx);
        Study study = study(ctx, args.studyId());
        requireSponsorOf(sponsor, study, "amend");
        if (args.version() != study.currentVersion() + 1) {
            throw new ContractException("RESEARCH_VERSION_INVALID", "study " + study.studyId() + " is at version "
                    + study.currentVersion() + "; the next version is " + (study.currentVersion() + 1) + ", not "
                    + args.version());
        }
        String reason = text(args.reason(), "reason");
        ProtocolVersion current = read(ctx.state(), ResearchKeys.version(study.studyId(), study.currentVersion()),
                ProtocolVersion.class).orElseThrow(() -> new ContractException("RESEARCH_STUDY_UNKNOWN", "study "
                        + study.studyId() + " has no version " + study.currentVersion()));
        List<Outcome> outcomes = args.outcomes() == null ? current.outcomes() : outcomes(args.outcomes());
        List<String> changed = changes(current.outcomes(), outcomes);
        String sap = args.sapSha256() == null ? current.sapSha256() : hash(args.sapSha256(), "sapSha256");
        String mediaType = args.protocolMediaType() == null ? current.protocolMediaType()
                : text(args.protocolMediaType(), "protocolMediaType");
        ProtocolVersion next = new ProtocolVersion(study.studyId(), args.version(),
                hash(args.protocolSha256(), "protocolSha256"), mediaType, sap, outcomes, reason, !changed.isEmpty(),
                changed, args.reconsent(), sponsor.id(), ctx.blockTimeMillis(), ctx.blockHeight(), ctx.txId().hex());
        TreeSet<String> declared = new TreeSet<>(study.declaredOutcomes());
        declared.addAll(ids(outcomes));
        ctx.state().put(ResearchKeys.study(study.studyId()), CanonicalJson.encode(
                study.amended(args.version(), args.reconsent(), List.copyOf(declared))));
        byte[] value = CanonicalJson.encode(next);
        ctx.state().put(ResearchKeys.version(study.studyId(), args.version()), value);
        ctx.emitEncoded("StudyAmended", value);
    }

    private void consent(ContractContext ctx, ResearchArgs.Consent args) {
        Study study = study(ctx, args.studyId());
        Identity site = requireSite(ctx, study);
        String subjectId = id(args.subjectId(), "subject id");
        if (args.protocolVersion() != study.currentVersion()) {
            throw new ContractException("RESEARCH_CONSENT_VERSION_STALE", "study " + study.studyId() + " is at"
                    + " protocol version " + study.currentVersion() + "; a consent to version "
                    + args.protocolVersion() + " does not cover it");
        }
        Optional<ResearchConsent> old = read(ctx.state(), ResearchKeys.consent(study.studyId(), subjectId),
                ResearchConsent.class);
        if (old.isPresent() && old.get().withdrawn()) {
            throw new ContractException("RESEARCH_CONSENT_WITHDRAWN", "subject " + subjectId + " withdrew from study "
                    + study.studyId() + "; a withdrawal is final");
        }
        ResearchConsent consent = new ResearchConsent(study.studyId(), subjectId, args.protocolVersion(),
                hash(args.consentSha256(), "consentSha256"), site.org(), site.id(), ctx.blockTimeMillis(),
                ctx.blockHeight(), false, null, null);
        byte[] value = CanonicalJson.encode(consent);
        ctx.state().put(ResearchKeys.consent(study.studyId(), subjectId), value);
        ctx.emitEncoded("ResearchConsentGiven", value);
    }

    private void withdraw(ContractContext ctx, ResearchArgs.Withdraw args) {
        Study study = study(ctx, args.studyId());
        Identity site = requireSite(ctx, study);
        String subjectId = id(args.subjectId(), "subject id");
        ResearchConsent consent = read(ctx.state(), ResearchKeys.consent(study.studyId(), subjectId),
                ResearchConsent.class).orElseThrow(() -> new ContractException("RESEARCH_CONSENT_REQUIRED", "subject "
                        + subjectId + " has no research consent in study " + study.studyId() + " to withdraw"));
        if (consent.withdrawn()) {
            throw new ContractException("RESEARCH_CONSENT_WITHDRAWN", "subject " + subjectId + " already withdrew");
        }
        String reason = args.reason() == null ? null : text(args.reason(), "reason");
        byte[] value = CanonicalJson.encode(consent.withdrawn(ctx.blockTimeMillis(), reason));
        ctx.state().put(ResearchKeys.consent(study.studyId(), subjectId), value);
        read(ctx.state(), ResearchKeys.subject(study.studyId(), subjectId), Subject.class)
                .filter(s -> s.status() == SubjectStatus.CANDIDATE || s.status() == SubjectStatus.ON_STUDY)
                .ifPresent(s -> ctx.state().put(ResearchKeys.subject(study.studyId(), subjectId), CanonicalJson.encode(
                        s.moved(new Step(SubjectStatus.WITHDRAWN, site.id(), ctx.blockTimeMillis(),
                                ctx.blockHeight())))));
        ctx.emitEncoded("ResearchConsentWithdrawn", value);
    }

    private void enrol(ContractContext ctx, ResearchArgs.Enrol args) {
        Study study = study(ctx, args.studyId());
        Identity site = requireSite(ctx, study);
        if (ctx.blockTimeMillis() < study.startsAtMillis()) {
            throw new ContractException("RESEARCH_STUDY_NOT_STARTED", "study " + study.studyId() + " opens for"
                    + " enrolment at " + java.time.Instant.ofEpochMilli(study.startsAtMillis()) + " (block time now "
                    + java.time.Instant.ofEpochMilli(ctx.blockTimeMillis()) + ")");
        }
        String subjectId = id(args.subjectId(), "subject id");
        if (ctx.state().get(ResearchKeys.subject(study.studyId(), subjectId)).isPresent()) {
            throw new ContractException("RESEARCH_SUBJECT_EXISTS", "subject " + subjectId + " is already in study "
                    + study.studyId());
        }
        Subject subject = new Subject(study.studyId(), subjectId, site.org(), SubjectStatus.CANDIDATE,
                List.of(new Step(SubjectStatus.CANDIDATE, site.id(), ctx.blockTimeMillis(), ctx.blockHeight())));
        byte[] value = CanonicalJson.encode(subject);
        ctx.state().put(ResearchKeys.subject(study.studyId(), subjectId), value);
        ctx.emitEncoded("SubjectEnrolled", value);
    }

    private void transition(ContractContext ctx, ResearchArgs.Transition args) {
        Study study = study(ctx, args.studyId());
        Identity site = requireSite(ctx, study);
        Subject subject = subject(ctx, study, args.subjectId());
        SubjectStatus to = args.to();
        SubjectStatus from = subject.status();
        boolean allowed = to != null && switch (to) {
            case ON_STUDY -> from == SubjectStatus.CANDIDATE;
            case OFF_STUDY -> from == SubjectStatus.ON_STUDY;
            case WITHDRAWN -> from == SubjectStatus.CANDIDATE || from == SubjectStatus.ON_STUDY;
            case CANDIDATE -> false;
        };
        if (!allowed) {
            throw new ContractException("RESEARCH_TRANSITION_INVALID", "subject " + subject.subjectId() + " cannot go"
                    + " from " + from + " to " + to + " (candidate → on-study → off-study; candidate or on-study →"
                    + " withdrawn)");
        }
        if (to == SubjectStatus.ON_STUDY) {
            if (ctx.blockTimeMillis() < study.startsAtMillis()) {
                throw new ContractException("RESEARCH_STUDY_NOT_STARTED", "study " + study.studyId() + " has not"
                        + " started");
            }
            ResearchConsent consent = read(ctx.state(), ResearchKeys.consent(study.studyId(), subject.subjectId()),
                    ResearchConsent.class).orElse(null);
            if (!inForce(study, consent)) {
                throw new ContractException("RESEARCH_CONSENT_REQUIRED", "subject " + subject.subjectId() + " has no"
                        + " research consent in force for study " + study.studyId() + " version "
                        + study.currentVersion() + why(study, consent));
            }
            ctx.state().put(ResearchKeys.study(study.studyId()), CanonicalJson.encode(
                    study.enrolled(ctx.blockHeight(), ctx.blockTimeMillis())));
        }
        byte[] value = CanonicalJson.encode(subject.moved(new Step(to, site.id(), ctx.blockTimeMillis(),
                ctx.blockHeight())));
        ctx.state().put(ResearchKeys.subject(study.studyId(), subject.subjectId()), value);
        ctx.emitEncoded("SubjectMoved", value);
    }

    private void release(ContractContext ctx, ResearchArgs.Release args) {
        Study study = study(ctx, args.studyId());
        Identity site = requireSite(ctx, study);
        String releaseId = id(args.releaseId(), "release id");
        if (ctx.state().get(ResearchKeys.release(study.studyId(), releaseId)).isPresent()) {
            throw new ContractException("RESEARCH_RELEASE_EXISTS", "release " + releaseId + " of study "
                    + study.studyId() + " already exists");
        }
        if (args.protocolVersion() != study.currentVersion()) {
            throw new ContractException("RESEARCH_RELEASE_INVALID", "study " + study.studyId() + " is at protocol"
                    + " version " + study.currentVersion() + ", not " + args.protocolVersion());
        }
        List<String> subjects = args.subjects();
        if (subjects == null || subjects.isEmpty() || subjects.size() > MAX_RELEASE_SUBJECTS) {
            throw new ContractException("RESEARCH_RELEASE_INVALID", "a release covers 1 to " + MAX_RELEASE_SUBJECTS
                    + " subjects");
        }
        if (args.recordCount() < subjects.size()) {
            throw new ContractException("RESEARCH_RELEASE_INVALID", "a release of " + subjects.size() + " subjects"
                    + " has at least one resource each, not " + args.recordCount() + " in all");
        }
        String root = hash(args.merkleRoot(), "merkleRoot");
        Set<String> seen = new HashSet<>();
        for (String s : subjects) {
            Subject subject = subject(ctx, study, s);
            if (!seen.add(subject.subjectId())) {
                throw new ContractException("RESEARCH_RELEASE_INVALID", "subject " + s + " is listed twice");
            }
            if (subject.status() == SubjectStatus.WITHDRAWN) {
                throw new ContractException("RESEARCH_SUBJECT_WITHDRAWN", "subject " + s + " withdrew from study "
                        + study.studyId() + ": no later release may include it");
            }
            ResearchConsent consent = read(ctx.state(), ResearchKeys.consent(study.studyId(), s),
                    ResearchConsent.class).orElse(null);
            if (consent != null && consent.withdrawn()) {
                throw new ContractException("RESEARCH_SUBJECT_WITHDRAWN", "subject " + s + " withdrew its consent to"
                        + " study " + study.studyId() + ": no later release may include it");
            }
            if (subject.status() != SubjectStatus.ON_STUDY && subject.status() != SubjectStatus.OFF_STUDY) {
                throw new ContractException("RESEARCH_RELEASE_INVALID", "subject " + s + " is " + subject.status()
                        + "; only subjects on or off study are released");
            }
            if (!inForce(study, consent)) {
                throw new ContractException("RESEARCH_CONSENT_REQUIRED", "subject " + s + " has no research consent"
                        + " in force for study " + study.studyId() + " version " + study.currentVersion()
                        + why(study, consent));
            }
        }
        String txId = ctx.txId().hex();
        ResearchStates.Release release = new ResearchStates.Release(study.studyId(), releaseId,
                args.protocolVersion(), List.copyOf(subjects), subjects.size(), args.recordCount(), root, site.org(),
                study.sponsorOrg(), PURPOSE, site.id(), ctx.blockTimeMillis(), ctx.blockHeight(), txId);
        byte[] value = CanonicalJson.encode(release);
        ctx.state().put(ResearchKeys.release(study.studyId(), releaseId), value);
        for (String s : subjects) {
            ctx.state().put(ResearchKeys.subjectRelease(study.studyId(), s, releaseId), CanonicalJson.encode(releaseId));
        }
        ctx.state().put(ResearchKeys.study(study.studyId()), CanonicalJson.encode(study.released(ctx.blockHeight())));
        ctx.emitEncoded("DataReleased", value);
    }

    private void results(ContractContext ctx, ResearchArgs.Results args) {
        Identity sponsor = requireSponsor(ctx);
        Study study = study(ctx, args.studyId());
        requireSponsorOf(sponsor, study, "register results of");
        if (args.results() == null || args.results().isEmpty() || args.results().size() > MAX_OUTCOMES) {
            throw new ContractException("RESEARCH_STUDY_INVALID", "results name 1 to " + MAX_OUTCOMES + " outcomes");
        }
        Set<String> seen = new HashSet<>();
        List<ResearchStates.Result> stored = new ArrayList<>();
        for (ResearchArgs.OutcomeResult r : args.results()) {
            String outcomeId = r == null ? null : r.outcomeId();
            if (outcomeId == null || !study.declaredOutcomes().contains(outcomeId)) {
                throw new ContractException("RESEARCH_OUTCOME_UNKNOWN", "study " + study.studyId() + " never declared"
                        + " outcome '" + shown(outcomeId) + "' (declared: " + study.declaredOutcomes() + ")");
            }
            if (!seen.add(outcomeId) || ctx.state().get(ResearchKeys.result(study.studyId(), outcomeId)).isPresent()) {
                throw new ContractException("RESEARCH_RESULT_EXISTS", "outcome " + outcomeId + " of study "
                        + study.studyId() + " already has results");
            }
            String data = r.dataSha256() == null ? null : hash(r.dataSha256(), "dataSha256");
            stored.add(new ResearchStates.Result(study.studyId(), outcomeId, text(r.summary(), "summary"), data,
                    sponsor.id(), ctx.blockTimeMillis(), ctx.blockHeight()));
        }
        for (ResearchStates.Result r : stored) {
            byte[] value = CanonicalJson.encode(r);
            ctx.state().put(ResearchKeys.result(study.studyId(), r.outcomeId()), value);
            ctx.emitEncoded("ResultsRegistered", value);
        }
    }

    // ---- checks ----

    private static Identity requireSponsor(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (!isPerson(signer) || !orgHasRole(ctx, signer.org(), SPONSOR_ORG_ROLE)) {
            throw new ContractException("RESEARCH_NOT_SPONSOR", signer.id() + " is not a member of a research sponsor"
                    + " org (genesis org role '" + SPONSOR_ORG_ROLE + "')");
        }
        return signer;
    }

    private static void requireSponsorOf(Identity sponsor, Study study, String action) {
        if (!sponsor.org().equals(study.sponsorOrg())) {
            throw new ContractException("RESEARCH_NOT_SPONSOR", sponsor.id() + " cannot " + action + " study "
                    + study.studyId() + ": its sponsor is " + study.sponsorOrg());
        }
    }

    private static Identity requireSite(ContractContext ctx, Study study) {
        Identity signer = ctx.signer();
        if (!isPerson(signer) || !study.sites().contains(signer.org())) {
            throw new ContractException("RESEARCH_NOT_SITE", signer.id() + " is not at a site of study "
                    + study.studyId() + " (sites: " + study.sites() + ")");
        }
        return signer;
    }

    private static boolean isPerson(Identity signer) {
        return signer.kind() == Identity.Kind.MEMBER || signer.kind() == Identity.Kind.ORG_ADMIN;
    }

    private static boolean orgHasRole(ContractContext ctx, String org, String role) {
        return read(ctx.state(), StateKeys.org(org), OrgRecord.class).map(o -> o.roles().contains(role)).orElse(false);
    }

    private static Study study(ContractContext ctx, String studyId) {
        return read(ctx.state(), ResearchKeys.study(idOrEmpty(studyId)), Study.class).orElseThrow(() ->
                new ContractException("RESEARCH_STUDY_UNKNOWN", "no study '" + shown(studyId) + "' is registered"));
    }

    private static Subject subject(ContractContext ctx, Study study, String subjectId) {
        return read(ctx.state(), ResearchKeys.subject(study.studyId(), idOrEmpty(subjectId)), Subject.class)
                .orElseThrow(() -> new ContractException("RESEARCH_SUBJECT_UNKNOWN", "study " + study.studyId()
                        + " has no subject '" + shown(subjectId) + "'"));
    }

    private static String why(Study study, ResearchConsent consent) {
        if (consent == null) {
            return ": none was given";
        }
        if (consent.withdrawn()) {
            return ": it was withdrawn";
        }
        return ": it was given for version " + consent.protocolVersion() + ", before version " + study.reconsentFrom()
                + " required re-consent";
    }

    private static List<String> sites(ContractContext ctx, List<String> sites) {
        if (sites == null || sites.isEmpty() || sites.size() > MAX_SITES) {
            throw new ContractException("RESEARCH_STUDY_INVALID", "a study has 1 to " + MAX_SITES + " site orgs");
        }
        TreeSet<String> out = new TreeSet<>();
        for (String s : sites) {
            if (!Identifiers.isId(s) || ctx.state().get(StateKeys.org(s)).isEmpty()) {
                throw new ContractException("RESEARCH_STUDY_INVALID", "site '" + shown(s) + "' is not an org of the"
                        + " consortium");
            }
            if (!out.add(s)) {
                throw new ContractException("RESEARCH_STUDY_INVALID", "site " + s + " is listed twice");
            }
        }
        return List.copyOf(sites);
    }

    private static List<Outcome> outcomes(List<Outcome> outcomes) {
        if (outcomes == null || outcomes.isEmpty() || outcomes.size() > MAX_OUTCOMES) {
            throw new ContractException("RESEARCH_STUDY_INVALID", "a study declares 1 to " + MAX_OUTCOMES
                    + " outcomes");
        }
        Set<String> ids = new HashSet<>();
        boolean primary = false;
        for (Outcome o : outcomes) {
            if (o == null || o.kind() == null) {
                throw new ContractException("RESEARCH_STUDY_INVALID", "an outcome needs a kind (PRIMARY or"
                        + " SECONDARY)");
            }
            String id = id(o.outcomeId(), "outcome id");
            if (!ids.add(id)) {
                throw new ContractException("RESEARCH_STUDY_INVALID", "outcome " + id + " is declared twice");
            }
            text(o.text(), "outcome " + id + " text");
            text(o.measure(), "outcome " + id + " measure");
            primary |= o.kind() == org.careledger.core.research.OutcomeKind.PRIMARY;
        }
        if (!primary) {
            throw new ContractException("RESEARCH_STUDY_INVALID", "a study declares at least one PRIMARY outcome");
        }
        return List.copyOf(outcomes);
    }

    /** The ids of outcomes added, removed or changed (kind, text or measure) from one version to the next, sorted. */
    static List<String> changes(List<Outcome> before, List<Outcome> after) {
        Map<String, Outcome> old = new LinkedHashMap<>();
        before.forEach(o -> old.put(o.outcomeId(), o));
        TreeSet<String> changed = new TreeSet<>();
        for (Outcome o : after) {
            Outcome was = old.remove(o.outcomeId());
            if (!o.equals(was)) {
                changed.add(o.outcomeId());
            }
        }
        changed.addAll(old.keySet());
        return List.copyOf(changed);
    }

    private static List<String> ids(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::outcomeId).toList();
    }

    private static String id(String value, String what) {
        if (!Identifiers.isId(value)) {
            throw new ContractException("RESEARCH_ID_INVALID", what + " '" + shown(value) + "' must match "
                    + Identifiers.ID.pattern());
        }
        return value;
    }

    /** An id safe to put in a key, or a value no key has (so the lookup finds nothing). */
    private static String idOrEmpty(String value) {
        return value != null && Identifiers.isId(value) ? value : "";
    }

    private static String hash(String hex, String what) {
        return Identifiers.requireSha256(hex, "RESEARCH_HASH_INVALID", what).hex();
    }

    private static String text(String value, String what) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            throw new ContractException("RESEARCH_STUDY_INVALID", what + " must be 1 to " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
