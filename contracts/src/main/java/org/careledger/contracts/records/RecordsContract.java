package org.careledger.contracts.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.careledger.contracts.Args;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.json.DecodeCache;

/**
 * Medical records as hashes: providers write (and amend) records whose encrypted bytes live off-chain; the patient,
 * a guardian, or the author org's admin on the patient's verified request erases them, which purges the blobs and
 * leaves a tombstone.
 */
public final class RecordsContract implements Contract {
    /** A batch reads the same referenced records once per record (see DecodeCache). */
    private static final DecodeCache<RecordMeta> RECORD_METAS = new DecodeCache<>(RecordMeta.class);

    public static final String NAME = "records";

    private final RecordErasure onErase;

    /** @param onErase what other domains do in the erasing transaction (consent: revoke the record's grants) */
    public RecordsContract(RecordErasure onErase) {
        this.onErase = onErase;
    }
    /** References one record may hold in all; a write or addReferences past it is refused, never truncated. */
    public static final int MAX_REFERENCES = 8192;
    /** References one writeRecord or addReferences transaction may carry (about 40 KB of arguments). */
    public static final int MAX_REFERENCES_PER_TX = 1024;
    /** Source-system identities (Bundle Patients) one patient may have. */
    public static final int MAX_SUBJECTS = 32;
    public static final int MAX_REASON_LENGTH = 256;
    /** Records one writeRecords transaction may carry. */
    public static final int MAX_BATCH_RECORDS = 256;
    /** Ciphertext bytes (the sum of ciphertextSize) one writeRecords may name: half a submission's blob limit. */
    public static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "writeRecord" -> write(ctx, Args.decode(args, WriteRecord.class));
            case "writeRecords" -> writeBatch(ctx, Args.decode(args, WriteRecords.class));
            case "addReferences" -> addReferences(ctx, Args.decode(args, AddReferences.class));
            case "eraseRecord" -> erase(ctx, Args.decode(args, EraseRecord.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "records has no method '" + method + "'");
        }
    }

    /** Reads a record version's metadata. */
    public static Optional<RecordMeta> find(StateAccess state, String recordId) {
        if (!Identifiers.isId(recordId)) {
            return Optional.empty();
        }
        return state.get(RecordKeys.record(recordId)).map(RECORD_METAS::decode);
    }

    private void write(ContractContext ctx, WriteRecord args) {
        requireWriter(ctx);
        writeOne(ctx, args);
    }

    private static void requireWriter(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (!CareRoles.mayWriteRecords(ctx.state(), signer)) {
            throw new ContractException("NOT_AUTHORIZED_TO_WRITE", signer.id() + " cannot write records: it must be a"
                    + " member of a " + String.join(" or ", CareRoles.PROVIDER_ORG_ROLES) + " org with a role among "
                    + String.join(", ", CareRoles.WRITER_ROLES));
        }
    }

    /**
     * Several records in one transaction (one signature and one round trip for many): each goes through exactly the
     * checks and writes of {@code writeRecord}, in the order given, so a later record sees the earlier ones (a
     * reference to a record of the same batch is valid, a repeated source key is RECORD_SOURCE_EXISTS). The first
     * refused record refuses them all, with its own code and a message naming it.
     */
    private void writeBatch(ContractContext ctx, WriteRecords args) {
        List<WriteRecord> records = args.records();
        if (records == null || records.isEmpty()) {
            throw new ContractException("RECORD_BATCH_INVALID", "writeRecords needs at least one record");
        }
        if (records.size() > MAX_BATCH_RECORDS) {
            throw new ContractException("RECORD_BATCH_TOO_LARGE", "writeRecords carries at most " + MAX_BATCH_RECORDS
                    + " records, got " + records.size() + "; split the batch");
        }
        long bytes = 0;
        long references = 0;
        for (int i = 0; i < records.size(); i++) {
            WriteRecord r = records.get(i);
            if (r == null) {
                throw new ContractException("RECORD_BATCH_INVALID", "records[" + i + "] is null");
            }
            bytes += r.ciphertextSize() == null ? 0 : Math.max(0, r.ciphertextSize());
            references += r.references() == null ? 0 : r.references().size();
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw new ContractException("RECORD_BATCH_TOO_LARGE", "writeRecords names " + bytes + " bytes of"
                    + " ciphertext; the limit is " + MAX_BATCH_BYTES + "; split the batch");
        }
        if (references > MAX_REFERENCES_PER_TX) {
            throw new ContractException("RECORD_REFERENCE_LIMIT", "a writeRecords carries at most "
                    + MAX_REFERENCES_PER_TX + " references in all, got " + references
                    + "; write records with many references on their own");
        }
        requireWriter(ctx);
        for (int i = 0; i < records.size(); i++) {
            try {
                writeOne(ctx, records.get(i));
            } catch (ContractException e) {
                throw new ContractException(e.code(), "records[" + i + "] (record "
                        + Identifiers.shown(records.get(i).recordId()) + "): " + e.getMessage());
            }
        }
    }

    private void writeOne(ContractContext ctx, WriteRecord args) {
        Identity signer = ctx.signer();
        String recordId = Identifiers.requireId(args.recordId(), "RECORD_ID_INVALID", "record id");
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        String type = Identifiers.requireResourceType(args.recordType(), "RECORD_TYPE_INVALID");
        Hash ciphertext = Identifiers.requireSha256(args.ciphertextSha256(), "RECORD_HASH_INVALID", "ciphertextSha256");
        Hash keys = Identifiers.requireSha256(args.keysSha256(), "RECORD_HASH_INVALID", "keysSha256");
        if (ciphertext.equals(keys)) {
            throw new ContractException("RECORD_HASH_INVALID", "ciphertextSha256 and keysSha256 must be different blobs");
        }
        if (args.ciphertextSize() == null || args.ciphertextSize() <= 0) {
            throw new ContractException("RECORD_SIZE_INVALID", "ciphertextSize must be a positive number of bytes, got "
                    + args.ciphertextSize());
        }
        if (ctx.state().get(RecordKeys.record(recordId)).isPresent()) {
            throw new ContractException("RECORD_EXISTS", "record " + recordId + " already exists; record ids are never"
                    + " reused, even after erasure");
        }
        long version = 1;
        RecordMeta previous = null;
        if (args.previousRecordId() != null) {
            previous = amendable(ctx, args.previousRecordId(), patient.patientId(), type, signer.org());
            version = previous.version() + 1;
        }
        String sourceKey = sourceKey(ctx, args, patient.patientId(), previous);
        subject(ctx, args, patient.patientId());
        List<String> references = references(ctx, args.references(), recordId, patient.patientId());
        if (references.size() > MAX_REFERENCES_PER_TX) {
            throw new ContractException("RECORD_REFERENCE_LIMIT", "a writeRecord carries at most " + MAX_REFERENCES_PER_TX
                    + " references, got " + references.size() + "; add the rest with records.addReferences");
        }
        RecordMeta meta = new RecordMeta(recordId, patient.patientId(), type, signer.id(), signer.org(), ciphertext.hex(),
                args.ciphertextSize(), keys.hex(), version, previous == null ? null : previous.recordId(), null, true,
                references, ctx.blockTimeMillis(), false, null, null, null, null, sourceKey);
        ctx.state().put(RecordKeys.record(recordId), CanonicalJson.encode(meta));
        if (sourceKey != null) {
            ctx.state().put(RecordKeys.recordSource(patient.patientId(), sourceKey), CanonicalJson.encode(recordId));
        }
        ctx.state().put(RecordKeys.patientRecord(patient.patientId(), recordId), CanonicalJson.encode(recordId));
        if (previous != null) {
            ctx.state().put(RecordKeys.record(previous.recordId()), CanonicalJson.encode(previous.supersededBy(recordId)));
        }
        BlobClaims.claimAndAttach(ctx, ciphertext, RecordKeys.record(recordId), BlobClaim.CIPHERTEXT);
        BlobClaims.claimAndAttach(ctx, keys, RecordKeys.record(recordId), BlobClaim.RECORD_KEYS);
        ctx.emit("RecordWritten", new RecordWritten(recordId, patient.patientId(), type, signer.id(), signer.org(),
                version, meta.previousRecordId(), ciphertext.hex(), keys.hex()));
    }

    /** An amendment continues the latest, unerased version of the same patient's record of the same type and org. */
    private static RecordMeta amendable(ContractContext ctx, String previousId, String patientId, String type, String org) {
        RecordMeta previous = find(ctx.state(), previousId).orElseThrow(() -> new ContractException(
                "RECORD_AMEND_INVALID", "previous record '" + Identifiers.shown(previousId) + "' does not exist"));
        String problem = null;
        if (!previous.patientId().equals(patientId)) {
            problem = "belongs to another patient";
        } else if (previous.erased()) {
            problem = "was erased";
        } else if (!previous.latest()) {
            problem = "was already amended by " + previous.supersededBy() + "; amend the latest version";
        } else if (!previous.recordType().equals(type)) {
            problem = "is a " + previous.recordType() + ", not a " + type;
        } else if (!previous.authorOrg().equals(org)) {
            problem = "was written by " + previous.authorOrg() + "; only the author org amends its records";
        }
        if (problem != null) {
            throw new ContractException("RECORD_AMEND_INVALID", "previous record " + previousId + " " + problem);
        }
        return previous;
    }

    private static List<String> references(ContractContext ctx, List<String> raw, String recordId, String patientId) {
        if (raw == null) {
            return List.of();
        }
        TreeSet<String> ids = new TreeSet<>();
        for (String id : raw) {
            RecordMeta target = id == null || id.equals(recordId) ? null : find(ctx.state(), id).orElse(null);
            if (target == null || !target.patientId().equals(patientId) || target.erased()) {
                throw new ContractException("RECORD_REFERENCE_INVALID", "reference '" + Identifiers.shown(id)
                        + "' is not an existing, unerased record of patient " + patientId);
            }
            ids.add(id);
        }
        if (ids.size() > MAX_REFERENCES) {
            throw new ContractException("RECORD_REFERENCE_LIMIT", "a record may reference at most " + MAX_REFERENCES
                    + " records, got " + ids.size());
        }
        return new ArrayList<>(ids);
    }

    /**
     * The idempotency rule: a source key names one record chain of the patient. A new record (no previousRecordId)
     * with a key already indexed is refused; an amendment must continue the indexed record and inherits its key.
     */
    private static String sourceKey(ContractContext ctx, WriteRecord args, String patientId, RecordMeta previous) {
        String key = args.sourceKey() == null ? null
                : Identifiers.requireSha256(args.sourceKey(), "RECORD_SOURCE_KEY_INVALID", "sourceKey").hex();
        if (previous != null && previous.sourceKey() != null) {
            if (key != null && !key.equals(previous.sourceKey())) {
                throw new ContractException("RECORD_SOURCE_KEY_INVALID", "an amendment keeps the source key of record "
                        + previous.recordId());
            }
            return previous.sourceKey();
        }
        if (key == null) {
            return null;
        }
        Optional<String> existing = ctx.state().get(RecordKeys.recordSource(patientId, key))
                .map(b -> CanonicalJson.decode(b, String.class));
        if (existing.isPresent()) {
            RecordMeta first = find(ctx.state(), existing.get()).orElseThrow();
            throw new ContractException("RECORD_SOURCE_EXISTS", "source key " + key + " of patient " + patientId
                    + " is already record " + first.recordId() + (first.erased() ? " (erased)" : "")
                    + "; a resource is recorded once, amend that record to change it");
        }
        return key;
    }

    /** The first subject key given for a patient is recorded; another one only with acceptSubject. */
    private static void subject(ContractContext ctx, WriteRecord args, String patientId) {
        if (args.subjectKey() == null) {
            if (Boolean.TRUE.equals(args.acceptSubject())) {
                throw new ContractException("RECORD_SUBJECT_INVALID", "acceptSubject needs a subjectKey");
            }
            return;
        }
        String key = Identifiers.requireSha256(args.subjectKey(), "RECORD_SUBJECT_INVALID", "subjectKey").hex();
        String stateKey = RecordKeys.patientSubjects(patientId);
        TreeSet<String> subjects = new TreeSet<>();
        ctx.state().get(stateKey).ifPresent(b -> subjects.addAll(List.of(CanonicalJson.decode(b, String[].class))));
        if (subjects.contains(key)) {
            return;
        }
        if (!subjects.isEmpty() && !Boolean.TRUE.equals(args.acceptSubject())) {
            throw new ContractException("RECORD_SUBJECT_MISMATCH", "patient " + patientId + " was recorded from another"
                    + " source patient (subject " + subjects.first() + (subjects.size() > 1 ? " and others" : "")
                    + "), not subject " + key + "; map the source patient to this one explicitly (acceptSubject)");
        }
        if (subjects.size() >= MAX_SUBJECTS) {
            throw new ContractException("RECORD_SUBJECT_INVALID", "patient " + patientId + " already has "
                    + MAX_SUBJECTS + " source identities");
        }
        subjects.add(key);
        ctx.state().put(stateKey, CanonicalJson.encode(new ArrayList<>(subjects)));
    }

    /** More references of an existing, unerased record, by a writer of its author org. */
    private void addReferences(ContractContext ctx, AddReferences args) {
        Identity signer = ctx.signer();
        RecordMeta record = find(ctx.state(), args.recordId()).orElseThrow(() -> new ContractException(
                "RECORD_UNKNOWN", "record '" + Identifiers.shown(args.recordId()) + "' does not exist"));
        if (!CareRoles.mayWriteRecords(ctx.state(), signer) || !signer.org().equals(record.authorOrg())) {
            throw new ContractException("NOT_AUTHORIZED_TO_WRITE", signer.id() + " cannot add references to record "
                    + record.recordId() + ": only a writer member of its author org " + record.authorOrg() + " can");
        }
        if (record.erased()) {
            throw new ContractException("RECORD_ERASED", "record " + record.recordId() + " was erased");
        }
        if (args.references() == null || args.references().isEmpty()) {
            throw new ContractException("RECORD_REFERENCE_INVALID", "no references to add");
        }
        if (args.references().size() > MAX_REFERENCES_PER_TX) {
            throw new ContractException("RECORD_REFERENCE_LIMIT", "addReferences carries at most "
                    + MAX_REFERENCES_PER_TX + " references, got " + args.references().size());
        }
        List<String> added = references(ctx, args.references(), record.recordId(), record.patientId());
        TreeSet<String> all = new TreeSet<>(record.references());
        all.addAll(added);
        if (all.size() > MAX_REFERENCES) {
            throw new ContractException("RECORD_REFERENCE_LIMIT", "a record may reference at most " + MAX_REFERENCES
                    + " records; record " + record.recordId() + " would reference " + all.size());
        }
        ctx.state().put(RecordKeys.record(record.recordId()), CanonicalJson.encode(
                record.withReferences(new ArrayList<>(all))));
        ctx.emit("RecordReferencesAdded", new RecordReferencesAdded(record.recordId(), record.patientId(),
                all.size() - record.references().size(), all.size()));
    }

    private void erase(ContractContext ctx, EraseRecord args) {
        RecordMeta record = find(ctx.state(), args.recordId()).orElseThrow(() -> new ContractException(
                "RECORD_UNKNOWN", "record '" + Identifiers.shown(args.recordId()) + "' does not exist"));
        PatientRecord patient = PatientDirectory.require(ctx, record.patientId());
        Identity signer = ctx.signer();
        String requestRef = null;
        if (!PatientDirectory.actsFor(signer, patient)) {
            if (signer.kind() != Identity.Kind.ORG_ADMIN || !signer.org().equals(record.authorOrg())) {
                throw new ContractException("NOT_AUTHORIZED_TO_ERASE", signer.id() + " cannot erase record "
                        + record.recordId() + ": only patient " + patient.patientId() + ", a guardian, or the admin of "
                        + record.authorOrg() + " acting on the patient's verified request can");
            }
            String ref = args.verifiedRequestRef();
            if (ref == null || ref.isBlank()) {
                throw new ContractException("NOT_AUTHORIZED_TO_ERASE", signer.id() + " must give verifiedRequestRef, the"
                        + " reference of the patient's verified erasure request");
            }
            if (!Identifiers.isReference(ref)) {
                throw new ContractException("ERASE_REQUEST_REF_INVALID", "verifiedRequestRef '" + Identifiers.shown(ref)
                        + "' must match " + Identifiers.REFERENCE.pattern());
            }
            requestRef = ref;
        }
        if (record.erased()) {
            throw new ContractException("RECORD_ALREADY_ERASED", "record " + record.recordId() + " was erased at "
                    + record.erasedAtMillis() + " by " + record.erasedBy());
        }
        String reason = FreeText.optional(args.reason(), MAX_REASON_LENGTH, "ERASE_REASON_INVALID", "erasure reason");
        ctx.state().put(RecordKeys.record(record.recordId()),
                CanonicalJson.encode(record.erased(ctx.blockTimeMillis(), signer.id(), reason, requestRef)));
        BlobClaims.purge(ctx, Hash.fromHex(record.ciphertextSha256()));
        BlobClaims.purge(ctx, Hash.fromHex(record.keysSha256()));
        List<String> revoked = onErase.recordErased(ctx, record.patientId(), record.recordId(), signer.id());
        ctx.emit("RecordErased", new RecordErased(record.recordId(), record.patientId(), signer.id(),
                record.ciphertextSha256(), record.keysSha256(), revoked));
    }

    /** Event payload of {@code RecordWritten}: ids, type and hashes only. */
    public record RecordWritten(String recordId, String patientId, String recordType, String authorId, String authorOrg,
                                long version, String previousRecordId, String ciphertextSha256, String keysSha256) {}

    /** Event payload of {@code RecordReferencesAdded}: how many were new, and how many the record holds now. */
    public record RecordReferencesAdded(String recordId, String patientId, int added, int total) {}

    /** Event payload of {@code RecordErased}: the purged blobs and the grants revoked with the record. */
    public record RecordErased(String recordId, String patientId, String erasedBy, String ciphertextSha256,
                               String keysSha256, List<String> revokedGrantIds) {}
}
