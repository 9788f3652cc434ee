package org.careledger.client.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxProofView;
import org.careledger.api.Wait;
import org.careledger.api.research.ReleaseList;
import org.careledger.api.research.ReportView;
import org.careledger.api.research.StudyList;
import org.careledger.api.research.StudyView;
import org.careledger.api.research.SubjectList;
import org.careledger.client.CareledgerClient;
import org.careledger.client.CheckedHeader;
import org.careledger.client.GenesisNodes;
import org.careledger.client.ProofChecker;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.contracts.research.ResearchArgs;
import org.careledger.contracts.research.ResearchContract;
import org.careledger.contracts.research.ResearchStates;
import org.careledger.contracts.research.SubjectStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.Dataset;
import org.careledger.core.research.Pseudonyms;
import org.careledger.core.research.SafeHarbor;
import org.careledger.core.research.SubjectIds;

/**
 * Contract {@code research} from Java, each flow of docs/RESEARCH.md as one signed transaction, plus what only a
 * party can compute: the site's de-identified release ({@link #prepareRelease}), the patient's disclosure report found
 * without telling the node which subject it is ({@link #disclosures}), and the proofs a verifier checks
 * ({@link #proveRegistration}, {@link #verifyRelease}). A rejected transaction throws its error code.
 */
public final class ResearchClient {
    private final CareledgerClient client;

    public ResearchClient(CareledgerClient client) {
        this.client = client;
    }

    /** The node, with requests signed as the identity that signs the transaction they carry. */
    public CareledgerClient as(TxSigner caller) {
        return client.as(caller.requestSigner());
    }

    // ---- transactions ----

    public SubmitResponse register(TxSigner sponsor, ResearchArgs.Register registration) {
        return submit(sponsor, "register", registration);
    }

    public SubmitResponse amend(TxSigner sponsor, ResearchArgs.Amend amendment) {
        return submit(sponsor, "amend", amendment);
    }

    /** {@code consent}: the SHA-256 of the signed Consent document (which stays with the site and the patient). */
    public SubmitResponse consent(TxSigner site, String studyId, String subjectId, int protocolVersion,
                                  byte[] signedConsent) {
        return submit(site, "consent", new ResearchArgs.Consent(studyId, subjectId, protocolVersion,
                Hash.sha256(signedConsent).hex()));
    }

    public SubmitResponse withdraw(TxSigner site, String studyId, String subjectId, String reason) {
        return submit(site, "withdraw", new ResearchArgs.Withdraw(studyId, subjectId, reason));
    }

    public SubmitResponse enrol(TxSigner site, String studyId, String subjectId) {
        return submit(site, "enrol", new ResearchArgs.Enrol(studyId, subjectId));
    }

    public SubmitResponse transition(TxSigner site, String studyId, String subjectId, SubjectStatus to) {
        return submit(site, "transition", new ResearchArgs.Transition(studyId, subjectId, to));
    }

    public SubmitResponse results(TxSigner sponsor, String studyId, List<ResearchArgs.OutcomeResult> results) {
        return submit(sponsor, "results", new ResearchArgs.Results(studyId, results));
    }

    /** A release ready to commit: the dataset file to hand to the sponsor and its subjects. */
    public record PreparedRelease(Dataset dataset, List<String> subjects) {}

    /**
     * De-identifies each subject's FHIR resources (subject id → its resources, its Patient among them) under the
     * study's pseudonym key, checks for leaks ({@code RESEARCH_DEID_LEAK}) and builds the dataset. Pure: nothing leaves.
     */
    public static PreparedRelease prepareRelease(Map<String, List<JsonNode>> resourcesBySubject, byte[] studyKey,
                                                 int referenceYear) {
        Pseudonyms pseudonyms = new Pseudonyms(studyKey);
        List<byte[]> lines = new ArrayList<>();
        resourcesBySubject.values().forEach(r -> lines.addAll(SafeHarbor.release(r, pseudonyms, referenceYear)));
        return new PreparedRelease(Dataset.of(lines), List.copyOf(resourcesBySubject.keySet()));
    }

    /** {@code release}: commits a prepared release's root, count and subjects at the given protocol version. */
    public SubmitResponse release(TxSigner site, String studyId, String releaseId, int protocolVersion,
                                  PreparedRelease prepared) {
        return submit(site, "release", new ResearchArgs.Release(studyId, releaseId, protocolVersion,
                prepared.subjects(), prepared.dataset().size(), prepared.dataset().merkleRoot()));
    }

    // ---- reads ----

    public StudyList studies(TxSigner caller) {
        return as(caller).get("v1/research/studies", StudyList.class);
    }

    public StudyView study(TxSigner caller, String studyId) {
        return as(caller).get("v1/research/studies/" + studyId, StudyView.class);
    }

    public ResearchStates.Study studyState(TxSigner caller, String studyId) {
        return CanonicalJson.decode(CanonicalJson.encode(study(caller, studyId).study()), ResearchStates.Study.class);
    }

    public ReportView report(TxSigner caller, String studyId) {
        return as(caller).get("v1/research/studies/" + studyId + "/report", ReportView.class);
    }

    public ReleaseList releases(TxSigner caller, String studyId) {
        return as(caller).get("v1/research/studies/" + studyId + "/releases", ReleaseList.class);
    }

    public SubjectList subjects(TxSigner sponsorOrSite, String studyId) {
        return as(sponsorOrSite).get("v1/research/studies/" + studyId + "/subjects", SubjectList.class);
    }

    /** One release of the patient's data for research: a disclosure, purpose HRESCH, to the study's sponsor. */
    public record Disclosure(String studyId, String subjectId, String releaseId, String recipientOrg, String siteOrg,
                             String purpose, long atMillis, long height, String txId) {}

    /**
     * The patient's research disclosures: its subject id in every registered study is derived from its secret
     * ({@link SubjectIds}) and matched against each study's whole (public) release list here, so the node learns
     * neither the subject ids nor which studies the patient is in.
     */
    public List<Disclosure> disclosures(TxSigner caller, byte[] patientSecret) {
        List<Disclosure> out = new ArrayList<>();
        for (JsonNode s : studies(caller).studies()) {
            String studyId = s.get("studyId").asText();
            String subjectId = SubjectIds.of(patientSecret, studyId);
            for (JsonNode r : releases(caller, studyId).releases()) {
                ResearchStates.Release release = CanonicalJson.decode(CanonicalJson.encode(r),
                        ResearchStates.Release.class);
                if (release.subjects().contains(subjectId)) {
                    out.add(new Disclosure(studyId, subjectId, release.releaseId(), release.sponsorOrg(),
                            release.siteOrg(), release.purpose(), release.atMillis(), release.height(),
                            release.txId()));
                }
            }
        }
        return out;
    }

    /** What {@link #proveRegistration} established. */
    public record RegistrationProof(String studyId, String protocolSha256, long registrationHeight,
                                    Long firstEnrolledHeight, long certifiedHeight, List<String> certifiedBy) {}

    /**
     * Proves that a protocol file is the one registered (its SHA-256 over the exact bytes equals version 1's), that
     * the registration transaction is in the log under a header a quorum of genesis nodes certified, and that it is
     * below the study's first enrolment. Await finality of the registration's block first
     * ({@link CareledgerClient#awaitFinal}). Throws {@code PROOF_INVALID} (or a header certificate code) otherwise.
     */
    public RegistrationProof proveRegistration(TxSigner caller, String studyId, byte[] protocolFile,
                                               GenesisNodes nodes) {
        StudyView view = study(caller, studyId);
        ResearchStates.Study study = CanonicalJson.decode(CanonicalJson.encode(view.study()), ResearchStates.Study.class);
        ResearchStates.ProtocolVersion v1 = CanonicalJson.decode(CanonicalJson.encode(view.versions().get(0)),
                ResearchStates.ProtocolVersion.class);
        String sha = Hash.sha256(protocolFile).hex();
        if (!sha.equals(v1.protocolSha256())) {
            throw new CareledgerException("PROOF_INVALID", "the file's SHA-256 " + sha + " is not the registered"
                    + " protocol's " + v1.protocolSha256());
        }
        // under the newest header a quorum has certified (the head itself may not be yet)
        CareledgerClient node = as(caller);
        long finalHeight = node.health().finalHeight();
        TxProofView tx = node.tx(study.registrationTxId(), finalHeight);
        CheckedHeader header = ProofChecker.verifyTx(tx, nodes);
        if (!ResearchContract.NAME.equals(tx.tx().contract()) || !"register".equals(tx.tx().method())
                || !tx.tx().valid() || !studyId.equals(tx.tx().args().path("studyId").asText())
                || !sha.equals(tx.tx().args().path("protocolSha256").asText())) {
            throw new CareledgerException("PROOF_INVALID", "transaction " + study.registrationTxId() + " is not the"
                    + " valid registration of study " + studyId + " with this protocol");
        }
        long registered = tx.tx().height();
        if (study.firstEnrolledHeight() != null && registered >= study.firstEnrolledHeight()) {
            throw new CareledgerException("PROOF_INVALID", "study " + studyId + " was registered at height "
                    + registered + ", not before its first enrolment at " + study.firstEnrolledHeight());
        }
        return new RegistrationProof(studyId, sha, registered, study.firstEnrolledHeight(),
                header.header().getHeight(), header.signers());
    }

    /** Re-derives a release's Merkle root and count from the released dataset file; {@code RESEARCH_DATASET_INVALID} if not. */
    public ResearchStates.Release verifyRelease(TxSigner caller, String studyId, String releaseId,
                                                byte[] datasetFile) {
        ResearchStates.Release release = releases(caller, studyId).releases().stream()
                .map(r -> CanonicalJson.decode(CanonicalJson.encode(r), ResearchStates.Release.class))
                .filter(r -> r.releaseId().equals(releaseId)).findFirst()
                .orElseThrow(() -> new CareledgerException("NOT_FOUND", "study " + studyId + " has no release "
                        + releaseId));
        Dataset dataset = Dataset.parse(datasetFile);
        if (!dataset.merkleRoot().equals(release.merkleRoot()) || dataset.size() != release.recordCount()) {
            throw new CareledgerException("RESEARCH_DATASET_INVALID", "the file has " + dataset.size() + " resources"
                    + " with root " + dataset.merkleRoot() + "; release " + releaseId + " registered "
                    + release.recordCount() + " with root " + release.merkleRoot());
        }
        return release;
    }

    private SubmitResponse submit(TxSigner signer, String method, Object args) {
        return Submissions.requireValid(as(signer).submit(signer.sign(ResearchContract.NAME, method, args),
                Wait.COMMIT), "research." + method);
    }
}
