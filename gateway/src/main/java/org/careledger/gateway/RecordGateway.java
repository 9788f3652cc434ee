package org.careledger.gateway;

import java.util.ArrayList;
import java.util.List;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.AccessSetResult;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.records.Author;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.audit.AccessContract;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.CareledgerException;
import org.careledger.fhir.BundleSource;
import org.careledger.fhir.FhirR4;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the FHIR gateway does, without HTTP: one member of one org, with the org's encryption key, importing and reading
 * a patient's records through the org's node with the SDK. Every write is that member's signed transaction and every
 * read that member's audited access; plaintext exists only in this process, between the node's ciphertext and the
 * gateway's caller. Served resources keep their content as imported; their references are rewritten as a FHIR server
 * serves them ({@link ServedReferences}).
 *
 * <p>Reads are per call consistent with what the caller saw: a call made with a minimum height (the caller's
 * {@code X-Careledger-Min-Height}) is answered by the node only once it has applied that block.
 */
public final class RecordGateway {
    /** Purpose of use when the caller names none. */
    public static final String DEFAULT_PURPOSE = "TREAT";

    private final CareledgerClient node;
    private final Author author;
    private final FhirR4 fhir;

    /**
     * @param node   the org's node, requests signed as {@code author}'s member
     * @param author the member (a writer of a provider org, for imports) and the org's encryption key (for reads)
     */
    public RecordGateway(CareledgerClient node, Author author, FhirR4 fhir) {
        this.node = node;
        this.author = author;
        this.fhir = fhir;
    }

    public String org() {
        return author.org();
    }

    public String member() {
        return author.signer().signerId();
    }

    public FhirR4 fhir() {
        return fhir;
    }

    /** One call's view of the node: at least {@code minHeight}, reporting the height it answered at. */
    public final class Call {
        private final ReadSession session = new ReadSession();
        private final RecordsClient records;

        Call(long minHeight) {
            session.observe(Math.max(0, minHeight));
            records = new RecordsClient(node.withSession(session));
        }

        /** The highest block height the node reported during this call (0 if none). */
        public long height() {
            return session.height();
        }

        /**
         * Imports a transaction, batch or collection Bundle for the patient, exactly once per resource. The patient's
         * public key comes from the ledger; {@code acceptPatient} maps a Bundle whose Patient the ledger recorded
         * another source patient for (otherwise refused with RECORD_SUBJECT_MISMATCH).
         */
        public RecordsClient.Imported importBundle(String patientId, boolean acceptPatient, byte[] bundleJson) {
            requirePatientId(patientId);
            byte[] patientKey = records.patientKey(author.signer(), patientId);
            return records.importBundle(author, patientId, patientKey, BundleSource.of(bundleJson),
                    new RecordsClient.ImportOptions(acceptPatient, RecordsClient.ImportOptions.DEFAULT.waveSize(), null));
        }

        /**
         * The patient's records this member may read, opened: every latest, unerased record its org holds or holds
         * a grant for (only of {@code type} if non-null), read in set accesses of at most
         * {@link AccessContract#MAX_SET_SIZE} records each (one audited transaction per set). Records the ledger
         * denied are left out and counted in {@link Found#denied}.
         */
        public Found everything(String patientId, String type, String purpose) {
            requirePatientId(patientId);
            List<RecordMeta> metas = records.records(author.signer(), patientId).stream()
                    .filter(m -> m.latest() && !m.erased())
                    .filter(m -> type == null || m.recordType().equals(type))
                    .toList();
            List<Opened> out = new ArrayList<>(metas.size());
            List<String> accessIds = new ArrayList<>();
            int denied = 0;
            for (int from = 0; from < metas.size(); from += AccessContract.MAX_SET_SIZE) {
                List<String> ids = metas.subList(from, Math.min(metas.size(), from + AccessContract.MAX_SET_SIZE))
                        .stream().map(RecordMeta::recordId).toList();
                AccessSetResult set = records.readAll(author.signer(), patientId, ids, purpose);
                accessIds.add(set.accessId());
                for (AccessSetResult.Item item : set.items()) {
                    if (!item.granted()) {
                        denied++;
                        continue;
                    }
                    byte[] plain = RecordsClient.open(set, item, author.org(), author.requireOrgKey());
                    out.add(new Opened(item.recordId(), item.recordType(), parse(item.recordId(), item.recordType(),
                            plain)));
                }
            }
            java.util.Map<String, String> servedIds = new java.util.HashMap<>();
            for (Opened o : out) {
                ServedReferences.index(servedIds, o.resource(), o.recordType(), o.recordId());
            }
            for (Opened o : out) {
                ServedReferences.rewrite(fhir, o.resource(), servedIds);
            }
            return new Found(out, denied, accessIds);
        }

        /** One record, read with one audited {@code access.read} and opened; its type must be {@code type}. */
        public Opened read(String type, String recordId, String purpose) {
            if (!Identifiers.isId(recordId)) {
                throw new CareledgerException("ACCESS_RECORD_UNKNOWN", "'" + recordId + "' is not a record id");
            }
            AccessResult a = records.read(author.signer(), recordId, purpose, null);
            if (!a.recordType().equals(type)) {
                throw new CareledgerException("NOT_FOUND", "record " + recordId + " is a " + a.recordType()
                        + ", not a " + type + " (the read is recorded as access " + a.accessId() + ")");
            }
            byte[] plain = RecordsClient.open(a, author.org(), author.requireOrgKey());
            Resource r = parse(a.recordId(), a.recordType(), plain);
            java.util.Map<String, String> servedIds = new java.util.HashMap<>();
            ServedReferences.index(servedIds, r, a.recordType(), a.recordId());
            ServedReferences.rewrite(fhir, r, servedIds);
            return new Opened(a.recordId(), a.recordType(), r);
        }

        /**
         * A search of the node's own FHIR facade ({@code /fhir/AuditEvent} or {@code /fhir/Consent}) for the patient,
         * as this member: the node decides what the member may see and accounts for the search.
         */
        public Bundle nodeSearch(String type, String patientId) {
            requirePatientId(patientId);
            var resp = node.withSession(session).exchange("GET", "fhir/" + type + "?patient=" + patientId, null, null,
                    java.util.Map.of("Accept", "application/fhir+json"));
            resp.headers().firstValueAsLong(CareledgerClient.HEIGHT_HEADER).ifPresent(session::observe);
            Resource r = fhir.parseResource(resp.body());
            if (resp.statusCode() != 200) {
                String code = "BAD_RESPONSE";
                String message = "the node answered " + resp.statusCode();
                if (r instanceof org.hl7.fhir.r4.model.OperationOutcome oo && oo.hasIssue()) {
                    var issue = oo.getIssueFirstRep();
                    if (issue.getDetails().hasCoding()) {
                        code = issue.getDetails().getCodingFirstRep().getCode();
                    }
                    message = issue.getDiagnostics();
                }
                throw new CareledgerException(code, message);
            }
            if (!(r instanceof Bundle b)) {
                throw new CareledgerException("BAD_RESPONSE", "the node's " + type + " search is not a Bundle");
            }
            return b;
        }
    }

    /** A record opened: its ledger id and type and the resource as written. */
    public record Opened(String recordId, String recordType, Resource resource) {}

    /** What a patient-wide read found: the opened records, how many were denied, the set accesses made. */
    public record Found(List<Opened> records, int denied, List<String> accessIds) {}

    public Call call(long minHeight) {
        return new Call(minHeight);
    }

    private Resource parse(String recordId, String type, byte[] plain) {
        Resource r;
        try {
            r = fhir.parseResource(plain);
        } catch (CareledgerException e) {
            throw new CareledgerException(e.code(), "record " + recordId + " does not hold FHIR R4 JSON: "
                    + e.getMessage());
        }
        if (!r.fhirType().equals(type)) {
            throw new CareledgerException("FHIR_MALFORMED", "record " + recordId + " is recorded as a " + type
                    + " but holds a " + r.fhirType());
        }
        return r;
    }

    private static void requirePatientId(String patientId) {
        if (!Identifiers.isPatientId(patientId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + patientId + "' is not a patient's ledger id (p-…)");
        }
    }
}
