package org.careledger.client.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.AccessSetResult;
import org.careledger.api.records.CustodianKeys;
import org.careledger.api.records.DisclosureList;
import org.careledger.api.records.KeyBundle;
import org.careledger.api.records.RecordSealer;
import org.careledger.api.records.SealedRecord;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.audit.ReadSet;
import org.careledger.contracts.audit.ReviewBreakGlass;
import org.careledger.contracts.records.AddReferences;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.GuardianChange;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.RecordsContract;
import org.careledger.contracts.records.RegisterPatient;
import org.careledger.contracts.records.WriteRecord;
import org.careledger.contracts.records.WriteRecords;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.fhir.BundleIndex;
import org.careledger.fhir.BundleSource;
import org.careledger.fhir.BundleSplitter;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.FhirResourceEntry;

/**
 * Patient records from Java: registering a patient, sealing a record for the patient and the author org and writing
 * it, importing FHIR Bundles exactly once per resource, listing records, audited reads (granted, own-org or
 * break-glass) and opening what was served, erasure, break-glass review and the patient's accounting of disclosures.
 * Plaintext never leaves this process: the node stores ciphertext and wrapped keys. Consent is {@code ConsentClient}.
 *
 * <p>Every call is signed as the identity it acts for ({@link #as}); errors come back as the node's coded
 * {@link CareledgerException}s, and a rejected transaction as its error code.
 */
public final class RecordsClient {
    private static final int IMPORT_CONCURRENCY = 48;

    private final CareledgerClient client;
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    public RecordsClient(CareledgerClient client) {
        this.client = client;
    }

    public CareledgerClient http() {
        return client;
    }

    /** The node, with requests signed as the identity that signs the transaction they carry or the read they make. */
    public CareledgerClient as(TxSigner caller) {
        return client.as(caller.requestSigner());
    }

    /** A provider (member or admin of a hospital/lab org) registers the wallet's patient. */
    public SubmitResponse registerPatient(TxSigner provider, PatientWallet w) {
        Base64.Encoder b64 = Base64.getEncoder();
        return Submissions.requireValid(as(provider).submit(provider.sign("patients", "registerPatient", new RegisterPatient(
                w.patientId(), b64.encodeToString(w.signingKey().publicKey()),
                b64.encodeToString(w.encryptionKey().publicKey()), null)), Wait.COMMIT), "registerPatient");
    }

    /** The result of writing one record. */
    public record Written(String recordId, String recordType, SubmitResponse response) {}

    /** Seals a resource for the patient and the author's org and writes it with its blobs. */
    public Written writeRecord(Author author, String patientId, byte[] patientKey, String type, byte[] plaintext,
                        List<String> references, String previousRecordId) {
        return writeRecord(author, patientId, patientKey, type, plaintext, references, previousRecordId, null, null,
                null);
    }

    /**
     * Told of every record this client writes, after it committed (e.g. {@code PublicHealthClient}'s automatic case
     * reports). {@code inBundle} resolves a reference of an imported resource to the plaintext of the Bundle entry it
     * names (null if none); outside an import it resolves nothing. A hook must not throw.
     */
    public interface WriteHook {
        void written(Author author, String patientId, Written written, byte[] plaintext,
                     java.util.function.Function<String, byte[]> inBundle);
    }

    private volatile WriteHook hook;

    /** Sets (or, with null, removes) the hook told of every record written. */
    public RecordsClient withHook(WriteHook hook) {
        this.hook = hook;
        return this;
    }

    /** As above, with the idempotency key of the source resource and the source patient's subject key. */
    public Written writeRecord(Author author, String patientId, byte[] patientKey, String type, byte[] plaintext,
                        List<String> references, String previousRecordId, String sourceKey, String subjectKey,
                        Boolean acceptSubject) {
        return write(author, patientId, patientKey, type, plaintext, references, previousRecordId, sourceKey,
                subjectKey, acceptSubject, ref -> null);
    }

    private Written write(Author author, String patientId, byte[] patientKey, String type, byte[] plaintext,
                          List<String> references, String previousRecordId, String sourceKey, String subjectKey,
                          Boolean acceptSubject, java.util.function.Function<String, byte[]> inBundle) {
        String recordId = Submissions.newId("r-");
        SealedRecord sealed = RecordSealer.seal(recordId, plaintext, recipients(author, patientId, patientKey));
        WriteRecord args = new WriteRecord(recordId, patientId, type, sealed.ciphertextSha256().hex(),
                (long) sealed.ciphertext().length, sealed.keysSha256().hex(), previousRecordId,
                references == null || references.isEmpty() ? null : references, sourceKey, subjectKey, acceptSubject);
        SubmitResponse r = as(author.signer()).submitWithBlobs(author.signer().sign("records", "writeRecord", args),
                List.of(sealed.ciphertext(), sealed.keysBlob()), Wait.COMMIT);
        Written written = new Written(recordId, type, Submissions.requireValid(r, "writeRecord of a " + type));
        WriteHook h = hook;
        if (h != null) {
            h.written(author, patientId, written, plaintext, inBundle);
        }
        return written;
    }

    /**
     * One record of a {@link #writeRecords} batch: what {@link #writeRecord} takes, without the author and patient
     * the batch shares.
     */
    public record NewRecord(String type, byte[] plaintext, List<String> references, String previousRecordId,
                            String sourceKey, String subjectKey, Boolean acceptSubject) {
        public NewRecord {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    /**
     * Seals each record for the patient and the author's org (its own record id, data key, wrapped keys and blobs)
     * and writes them all in one {@code records.writeRecords} transaction with their blobs: one signature and one
     * round trip for the batch. All or nothing: a refused record refuses the batch with its own code and a message
     * naming it ({@code records[i] (record r-…)}). A batch of one is an ordinary {@code writeRecord}. At most
     * {@code RecordsContract.MAX_BATCH_RECORDS} records, {@code MAX_BATCH_BYTES} of ciphertext and
     * {@code MAX_REFERENCES_PER_TX} references in all (RECORD_BATCH_TOO_LARGE / RECORD_REFERENCE_LIMIT otherwise).
     */
    public List<Written> writeRecords(Author author, String patientId, byte[] patientKey, List<NewRecord> records) {
        return writeBatch(author, patientId, patientKey, records, i -> ref -> null);
    }

    private List<Written> writeBatch(Author author, String patientId, byte[] patientKey, List<NewRecord> records,
                                     java.util.function.IntFunction<java.util.function.Function<String, byte[]>> inBundle) {
        if (records.size() == 1) {
            NewRecord r = records.get(0);
            return List.of(write(author, patientId, patientKey, r.type(), r.plaintext(), r.references(),
                    r.previousRecordId(), r.sourceKey(), r.subjectKey(), r.acceptSubject(), inBundle.apply(0)));
        }
        Map<String, byte[]> recipients = recipients(author, patientId, patientKey);
        List<WriteRecord> args = new ArrayList<>(records.size());
        List<byte[]> blobs = new ArrayList<>(2 * records.size());
        for (NewRecord r : records) {
            String recordId = Submissions.newId("r-");
            SealedRecord sealed = RecordSealer.seal(recordId, r.plaintext(), recipients);
            args.add(new WriteRecord(recordId, patientId, r.type(), sealed.ciphertextSha256().hex(),
                    (long) sealed.ciphertext().length, sealed.keysSha256().hex(), r.previousRecordId(),
                    r.references().isEmpty() ? null : r.references(), r.sourceKey(), r.subjectKey(), r.acceptSubject()));
            blobs.add(sealed.ciphertext());
            blobs.add(sealed.keysBlob());
        }
        SubmitResponse response = Submissions.requireValid(as(author.signer()).submitWithBlobs(author.signer().sign(
                "records", "writeRecords", new WriteRecords(args)), blobs, Wait.COMMIT),
                "writeRecords of " + records.size() + " records");
        List<Written> out = new ArrayList<>(records.size());
        WriteHook h = hook;
        for (int i = 0; i < records.size(); i++) {
            Written written = new Written(args.get(i).recordId(), records.get(i).type(), response);
            out.add(written);
            if (h != null) {
                h.written(author, patientId, written, records.get(i).plaintext(), inBundle.apply(i));
            }
        }
        return out;
    }

    private static Map<String, byte[]> recipients(Author author, String patientId, byte[] patientKey) {
        Map<String, byte[]> recipients = new TreeMap<>();
        recipients.put("patient/" + patientId, patientKey);
        recipients.put(author.org(), author.requireOrgKey().publicKey());
        return recipients;
    }

    /** {@code records.addReferences} in transactions of at most {@code MAX_REFERENCES_PER_TX}. */
    public void addReferences(Author author, String recordId, List<String> references) {
        for (int from = 0; from < references.size(); from += RecordsContract.MAX_REFERENCES_PER_TX) {
            List<String> chunk = references.subList(from, Math.min(references.size(),
                    from + RecordsContract.MAX_REFERENCES_PER_TX));
            Submissions.requireValid(as(author.signer()).submit(author.signer().sign("records", "addReferences",
                    new AddReferences(recordId, List.copyOf(chunk))), Wait.COMMIT), "addReferences to " + recordId);
        }
    }

    /** What happened to one Bundle entry. */
    public enum Outcome { CREATED, PRESENT, REFUSED }

    /**
     * One entry's result.
     *
     * @param recordId   the record created or already holding the resource; null if refused or not reached
     * @param outcome    null if the import stopped before the entry
     * @param reason     why it was refused (or, for PRESENT, which record had it), else null
     * @param references record references the record holds for the entry's in-Bundle references
     */
    public record EntryResult(int index, String fullUrl, String resourceType, String recordId, Outcome outcome, String reason,
                       int references) {}

    /** What an import did, entry by entry, even when it stopped part-way ({@code failure} non-null). */
    public record Imported(String patientId, List<EntryResult> entries, int externalReferences, long millis,
                    CareledgerException failure) {
        public int resources() {
            return entries.size();
        }

        public long count(Outcome o) {
            return entries.stream().filter(e -> e.outcome() == o).count();
        }

        public int references() {
            return entries.stream().mapToInt(EntryResult::references).sum();
        }

        /** entry fullUrl → record id, for the entries that have one. */
        public Map<String, String> recordIds() {
            Map<String, String> m = new LinkedHashMap<>();
            entries.stream().filter(e -> e.recordId() != null).forEach(e -> m.put(e.fullUrl(), e.recordId()));
            return m;
        }

        public Map<String, String> types() {
            Map<String, String> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.fullUrl(), e.resourceType()));
            return m;
        }

        public double perSecond() {
            long done = count(Outcome.CREATED);
            return millis == 0 ? done : done * 1000.0 / millis;
        }

        public Imported orThrow() {
            if (failure != null) {
                throw failure;
            }
            return this;
        }
    }

    /**
     * How to import.
     *
     * @param acceptSubject map the Bundle's Patient to this patient even though the patient was recorded from another
     *                      source patient (the contract refuses it otherwise)
     * @param waveSize      entries sealed and in flight at once: memory holds this many resources' plaintext, never
     *                      the whole Bundle
     * @param beforeWrite   test hook, called before an entry is written (null: none)
     * @param batchSize     new records written per {@code records.writeRecords} transaction (1: one writeRecord each);
     *                      at most {@code RecordsContract.MAX_BATCH_RECORDS}
     */
    public record ImportOptions(boolean acceptSubject, int waveSize, java.util.function.Consumer<BundleIndex.Entry> beforeWrite,
                                int batchSize) {
        public static final int DEFAULT_BATCH = 32;
        public static final ImportOptions DEFAULT = new ImportOptions(false, 256, null, DEFAULT_BATCH);

        public ImportOptions {
            if (batchSize < 1 || batchSize > RecordsContract.MAX_BATCH_RECORDS) {
                throw new IllegalArgumentException("batchSize must be 1.." + RecordsContract.MAX_BATCH_RECORDS
                        + ", got " + batchSize);
            }
        }

        public ImportOptions(boolean acceptSubject, int waveSize, java.util.function.Consumer<BundleIndex.Entry> beforeWrite) {
            this(acceptSubject, waveSize, beforeWrite, DEFAULT_BATCH);
        }
    }

    /** Imports a Bundle held in memory; throws if the import stopped part-way. */
    public Imported importBundle(Author author, PatientWallet w, byte[] bundleJson) {
        return importBundle(author, w, BundleSource.of(bundleJson), ImportOptions.DEFAULT).orThrow();
    }

    /** The idempotency key of a Bundle entry: its resource's identity within the source patient, within this patient. */
    public static String sourceKey(String patientId, String sourcePatientId, BundleIndex.Entry e) {
        String resource = e.resourceId() != null ? e.resourceType() + "/" + e.resourceId() : e.fullUrl();
        return Hash.sha256(("careledger/fhir-source/v1\n" + patientId + "\n" + sourcePatientId + "\n" + resource)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    /** The subject key: the Bundle's Patient id, as a digest that differs per ledger patient. */
    public static String subjectKey(String patientId, String sourcePatientId) {
        return Hash.sha256(("careledger/fhir-subject/v1\n" + patientId + "\n" + sourcePatientId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    // the id as RecordsContract writes it: "… is already record r-…; …" or "… record r-… (erased); …"
    private static final java.util.regex.Pattern ALREADY = java.util.regex.Pattern.compile(
            "is already record ([A-Za-z0-9][A-Za-z0-9._-]*)");

    /**
     * Imports a patient Bundle as one sealed record per resource, exactly once per resource: every entry carries a
     * source key ({@link #sourceKey}) that the records contract indexes per patient, so a re-run (or a resumed,
     * interrupted run) finds what is there and writes only the rest. References inside the Bundle become record
     * references; resources are written in dependency order, {@code waveSize} at a time, each sealed just before it
     * is sent and dropped after. A reference cycle's back-references and references past one transaction's
     * {@code MAX_REFERENCES_PER_TX} are added with {@code records.addReferences}: none is dropped. A first error stops
     * the import after the wave in flight; what was committed stays, and the result names the failing entry.
     */
    public Imported importBundle(Author author, PatientWallet w, BundleSource source, ImportOptions options) {
        return importBundle(author, w.patientId(), w.encryptionKey().publicKey(), source, options);
    }

    /**
     * As {@link #importBundle(Author, PatientWallet, BundleSource, ImportOptions)}, for a provider that holds no wallet
     * of the patient (a FHIR gateway): the patient's public key, from {@link #patientKey}, is all sealing needs.
     */
    public Imported importBundle(Author author, String patientId, byte[] patientKey, BundleSource source,
                                 ImportOptions options) {
        long start = System.nanoTime();
        BundleIndex index = new BundleSplitter(FhirR4.shared()).index(source);
        List<BundleIndex.Entry> entries = index.entries();
        int n = entries.size();
        String subject = subjectKey(patientId, index.patientResourceId());
        String[] keys = new String[n];
        int[][] deps = new int[n][];
        int external = 0;
        for (BundleIndex.Entry e : entries) {
            keys[e.index()] = sourceKey(patientId, index.patientResourceId(), e);
            java.util.LinkedHashSet<Integer> d = new java.util.LinkedHashSet<>();
            for (String ref : e.references()) {
                var target = index.resolve(ref);
                if (target.isEmpty()) {
                    external++;
                } else if (target.get().index() != e.index()) {
                    d.add(target.get().index());
                }
            }
            deps[e.index()] = d.stream().mapToInt(Integer::intValue).toArray();
        }
        // what this org already holds for the patient, by source key (a resumed or repeated import)
        Map<String, RecordMeta> present = new java.util.HashMap<>();
        List<RecordMeta> held;
        try {
            held = records(author.signer(), patientId);
        } catch (CareledgerException e) {
            if (!e.code().equals("FORBIDDEN")) {
                throw e;
            }
            held = List.of(); // the org holds no record of this patient yet
        }
        for (RecordMeta m : held) {
            if (m.sourceKey() != null && m.latest()) {
                present.put(m.sourceKey(), m);
            }
        }
        String[] ids = new String[n];
        EntryResult[] results = new EntryResult[n];
        List<Integer>[] dependents = new List[n];
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            waiting[i] = deps[i].length;
            for (int d : deps[i]) {
                (dependents[d] == null ? dependents[d] = new ArrayList<>() : dependents[d]).add(i);
            }
        }
        java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        boolean[] done = new boolean[n];
        Map<Integer, List<Integer>> deferred = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicReference<CareledgerException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        int finished = 0;
        int scan = 0; // the first entry, in input order, that may not be done yet (for breaking cycles)
        boolean first = true;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            while (finished < n && failure.get() == null) {
                if (ready.isEmpty()) { // a reference cycle: write the first remaining entry, its back-references later
                    while (done[scan]) {
                        scan++;
                    }
                    waiting[scan] = 0;
                    ready.add(scan);
                }
                // the first write goes alone: a Bundle of another patient is refused once, not by a whole wave
                int size = first ? 1 : Math.max(1, options.waveSize());
                first = false;
                List<Integer> wave = new ArrayList<>();
                while (!ready.isEmpty() && wave.size() < size) {
                    wave.add(ready.poll());
                }
                Semaphore inflight = new Semaphore(IMPORT_CONCURRENCY);
                List<Future<?>> futures = new ArrayList<>();
                List<Pending> batchable = new ArrayList<>();
                for (int i : wave) {
                    BundleIndex.Entry e = entries.get(i);
                    List<String> refIds = new ArrayList<>();
                    List<Integer> later = new ArrayList<>();
                    String refused = null;
                    for (int d : deps[i]) {
                        if (ids[d] != null) {
                            refIds.add(ids[d]);
                        } else if (done[d]) {
                            refused = "refers to " + entries.get(d).describe() + ", which was not recorded";
                        } else {
                            later.add(d);
                        }
                    }
                    if (refused == null && deps[i].length > RecordsContract.MAX_REFERENCES) {
                        refused = "RECORD_REFERENCE_LIMIT: it refers to " + deps[i].length + " records of the Bundle;"
                                + " the ledger keeps at most " + RecordsContract.MAX_REFERENCES + " per record";
                    }
                    if (!later.isEmpty()) {
                        deferred.put(i, later);
                    }
                    if (refused != null) {
                        results[i] = new EntryResult(i, e.fullUrl(), e.resourceType(), null, Outcome.REFUSED, refused, 0);
                        continue;
                    }
                    if (present.get(keys[i]) == null && refIds.size() <= RecordsContract.MAX_REFERENCES_PER_TX) {
                        batchable.add(new Pending(e, refIds, keys[i]));
                        continue;
                    }
                    inflight.acquireUninterruptibly();
                    futures.add(pool.submit(() -> {
                        try {
                            results[i] = writeEntry(author, patientId, patientKey, index, e, refIds, keys[i], subject,
                                    options, present.get(keys[i]), true);
                            ids[i] = results[i].recordId();
                        } catch (RuntimeException ex) {
                            failure.compareAndSet(null, entryFailure(e, ex, index, patientId));
                        } finally {
                            inflight.release();
                        }
                        return null;
                    }));
                }
                // new records go in writeRecords batches: one signature and one round trip for many
                for (List<Pending> batch : batches(batchable, options.batchSize())) {
                    inflight.acquireUninterruptibly();
                    futures.add(pool.submit(() -> {
                        try {
                            for (EntryResult r : writeEntries(author, patientId, patientKey, index, batch, subject,
                                    options, failure)) {
                                results[r.index()] = r;
                                ids[r.index()] = r.recordId();
                            }
                        } finally {
                            inflight.release();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    get(f);
                }
                for (int i : wave) {
                    done[i] = true;
                    finished++;
                    if (dependents[i] != null) {
                        for (int j : dependents[i]) {
                            if (--waiting[j] == 0 && !done[j]) {
                                ready.add(j);
                            }
                        }
                    }
                }
            }
        }
        if (failure.get() == null) { // back-references of cycles, now that their targets exist
            for (Map.Entry<Integer, List<Integer>> d : new TreeMap<>(deferred).entrySet()) {
                int i = d.getKey();
                if (ids[i] == null || results[i].outcome() != Outcome.CREATED && !present.containsKey(keys[i])) {
                    continue; // another org's record: only its author org adds references
                }
                List<String> more = d.getValue().stream().map(j -> ids[j]).filter(java.util.Objects::nonNull).toList();
                try {
                    Set<String> has = Set.copyOf(present.containsKey(keys[i]) ? present.get(keys[i]).references() : List.of());
                    List<String> missing = more.stream().filter(r -> !has.contains(r)).toList();
                    if (!missing.isEmpty()) {
                        addReferences(author, ids[i], missing);
                    }
                    EntryResult r = results[i];
                    results[i] = new EntryResult(i, r.fullUrl(), r.resourceType(), r.recordId(), r.outcome(), r.reason(),
                            r.references() + more.size());
                } catch (CareledgerException ex) {
                    failure.compareAndSet(null, new CareledgerException(ex.code(), entries.get(i).describe() + ": "
                            + ex.getMessage(), ex));
                    break;
                }
            }
        }
        List<EntryResult> out = new ArrayList<>(n);
        for (BundleIndex.Entry e : entries) {
            out.add(results[e.index()] != null ? results[e.index()]
                    : new EntryResult(e.index(), e.fullUrl(), e.resourceType(), null, null, null, 0));
        }
        return new Imported(patientId, out, external, (System.nanoTime() - start) / 1_000_000, failure.get());
    }

    /** A new entry waiting for its batch: its record references and its source key. */
    private record Pending(BundleIndex.Entry entry, List<String> refIds, String sourceKey) {}

    /** Consecutive groups of at most {@code size} entries and {@code MAX_REFERENCES_PER_TX} references in all. */
    private static List<List<Pending>> batches(List<Pending> pending, int size) {
        List<List<Pending>> out = new ArrayList<>();
        List<Pending> current = new ArrayList<>();
        int refs = 0;
        for (Pending p : pending) {
            if (!current.isEmpty() && (current.size() >= size
                    || refs + p.refIds().size() > RecordsContract.MAX_REFERENCES_PER_TX)) {
                out.add(current);
                current = new ArrayList<>();
                refs = 0;
            }
            current.add(p);
            refs += p.refIds().size();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The import's failure for an entry: its code, the entry named, and the way out of a subject mismatch. */
    private static CareledgerException entryFailure(BundleIndex.Entry e, RuntimeException ex, BundleIndex index,
                                                    String patientId) {
        if (ex instanceof CareledgerException ce) {
            return new CareledgerException(ce.code(), e.describe() + ": " + ce.getMessage()
                    + (ce.code().equals("RECORD_SUBJECT_MISMATCH") ? "; the Bundle's Patient/"
                    + index.patientResourceId() + " is not the one this patient was imported from: give"
                    + " --accept-patient to map it to " + patientId : ""), ce);
        }
        return new CareledgerException("IMPORT_FAILED", e.describe() + ": " + ex, ex);
    }

    /**
     * Writes new entries in writeRecords transactions of at most {@code MAX_BATCH_BYTES} of plaintext-sized
     * ciphertext. The plaintext of the batch lives only inside this call. If a batch is refused (a record refused
     * by the contract, e.g. written meanwhile by a concurrent import, or the node failing), its entries are written
     * one by one, so each gets its exact answer: created, already present (the source key names the record) or the
     * entry's own error; since every entry carries its source key, a batch that did commit after all makes them
     * PRESENT, never duplicates. The first error is put in {@code failure}.
     */
    private List<EntryResult> writeEntries(Author author, String patientId, byte[] patientKey, BundleIndex index,
                                           List<Pending> batch, String subject, ImportOptions options,
                                           java.util.concurrent.atomic.AtomicReference<CareledgerException> failure) {
        List<EntryResult> out = new ArrayList<>();
        List<Pending> ready = new ArrayList<>();
        List<NewRecord> records = new ArrayList<>();
        long bytes = 0;
        for (int k = 0; k <= batch.size(); k++) {
            Pending p = k < batch.size() ? batch.get(k) : null;
            FhirResourceEntry resource = null;
            if (p != null) {
                try {
                    if (options.beforeWrite() != null) {
                        options.beforeWrite().accept(p.entry());
                    }
                    resource = index.resource(p.entry());
                } catch (RuntimeException ex) {
                    failure.compareAndSet(null, entryFailure(p.entry(), ex, index, patientId));
                    continue;
                }
            }
            // AES-GCM adds 28 bytes to each plaintext; flush before the batch would pass the contract's bound
            long size = resource == null ? 0 : resource.resourceJson().length + 64L;
            if (!records.isEmpty() && (p == null || bytes + size > RecordsContract.MAX_BATCH_BYTES)) {
                out.addAll(writeOrFallBack(author, patientId, patientKey, index, ready, records, subject, options,
                        failure));
                ready = new ArrayList<>();
                records = new ArrayList<>();
                bytes = 0;
            }
            if (p != null) {
                ready.add(p);
                records.add(new NewRecord(p.entry().resourceType(), resource.resourceJson(), p.refIds(), null,
                        p.sourceKey(), subject, options.acceptSubject() ? Boolean.TRUE : null));
                bytes += size;
            }
        }
        return out;
    }

    private List<EntryResult> writeOrFallBack(Author author, String patientId, byte[] patientKey, BundleIndex index,
                                              List<Pending> ready, List<NewRecord> records, String subject,
                                              ImportOptions options,
                                              java.util.concurrent.atomic.AtomicReference<CareledgerException> failure) {
        List<EntryResult> out = new ArrayList<>();
        if (records.size() > 1) {
            try {
                List<Written> written = writeBatch(author, patientId, patientKey, records,
                        k -> inBundle(index));
                for (int k = 0; k < ready.size(); k++) {
                    BundleIndex.Entry e = ready.get(k).entry();
                    out.add(new EntryResult(e.index(), e.fullUrl(), e.resourceType(), written.get(k).recordId(),
                            Outcome.CREATED, null, ready.get(k).refIds().size()));
                }
                return out;
            } catch (CareledgerException batchRefused) {
                // each entry alone below, for its own answer
            }
        }
        for (Pending p : ready) {
            try {
                out.add(writeEntry(author, patientId, patientKey, index, p.entry(), p.refIds(), p.sourceKey(), subject,
                        options, null, false));
            } catch (RuntimeException ex) {
                failure.compareAndSet(null, entryFailure(p.entry(), ex, index, patientId));
            }
        }
        return out;
    }

    private static java.util.function.Function<String, byte[]> inBundle(BundleIndex index) {
        return ref -> index.resolve(ref).map(t -> index.resource(t).resourceJson()).orElse(null);
    }

    /** Writes one entry (or finds it present) with its references; its plaintext lives only inside this call. */
    private EntryResult writeEntry(Author author, String patientId, byte[] patientKey, BundleIndex index,
                                   BundleIndex.Entry e, List<String> refIds, String sourceKey, String subject,
                                   ImportOptions options, RecordMeta existing, boolean callHook) {
        int per = RecordsContract.MAX_REFERENCES_PER_TX;
        if (existing != null) { // resumed: complete its references if the earlier run stopped before they were added
            Set<String> has = Set.copyOf(existing.references());
            List<String> missing = refIds.stream().filter(r -> !has.contains(r)).toList();
            if (!missing.isEmpty()) {
                addReferences(author, existing.recordId(), missing);
            }
            return new EntryResult(e.index(), e.fullUrl(), e.resourceType(), existing.recordId(), Outcome.PRESENT,
                    null, refIds.size());
        }
        if (callHook && options.beforeWrite() != null) {
            options.beforeWrite().accept(e);
        }
        FhirResourceEntry resource = index.resource(e);
        try {
            Written written = write(author, patientId, patientKey, e.resourceType(), resource.resourceJson(),
                    refIds.size() > per ? refIds.subList(0, per) : refIds, null, sourceKey, subject,
                    options.acceptSubject() ? Boolean.TRUE : null, inBundle(index));
            if (refIds.size() > per) {
                addReferences(author, written.recordId(), refIds.subList(per, refIds.size()));
            }
            return new EntryResult(e.index(), e.fullUrl(), e.resourceType(), written.recordId(), Outcome.CREATED, null,
                    refIds.size());
        } catch (CareledgerException ex) {
            if (!ex.code().equals("RECORD_SOURCE_EXISTS")) {
                throw ex;
            }
            // recorded already, by another org (this org's records were listed) or by a concurrent import
            java.util.regex.Matcher m = ALREADY.matcher(ex.getMessage());
            String id = m.find() ? m.group(1) : null;
            boolean erased = ex.getMessage().contains("(erased)");
            return new EntryResult(e.index(), e.fullUrl(), e.resourceType(), erased ? null : id,
                    erased ? Outcome.REFUSED : Outcome.PRESENT, erased ? "RECORD_ERASED: record " + id
                    + " held this resource and was erased; it is not written again" : "already record " + id, 0);
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CareledgerException ce) {
                throw ce;
            }
            throw new CareledgerException("IMPORT_FAILED", "a record write failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted");
        }
    }

    /** Metadata of the patient's records the caller may see, as the node holds it. */
    public List<RecordMeta> records(TxSigner caller, String patientId) {
        JsonNode n = as(caller).getJson("v1/patients/" + patientId + "/records");
        List<RecordMeta> out = new ArrayList<>();
        n.get("records").forEach(r -> out.add(JSON.convertValue(r, RecordMeta.class)));
        return out;
    }

    /** The patient's X25519 public key ({@code GET /v1/patients/{id}/encryption-key}), for members that write records. */
    public byte[] patientKey(TxSigner caller, String patientId) {
        JsonNode n = as(caller).getJson("v1/patients/" + patientId + "/encryption-key");
        return Base64.getDecoder().decode(n.get("encryptionKey").asText());
    }

    /** The org's X25519 public key from the ledger's org state. */
    public byte[] orgEncryptionKey(TxSigner caller, String org) {
        JsonNode n = as(caller).getJson("v1/orgs/" + org);
        if (!n.hasNonNull("encryptionKey")) {
            throw new CareledgerException("ORG_KEY_UNKNOWN", "org " + org + " has no encryption key on the ledger");
        }
        return Base64.getDecoder().decode(n.get("encryptionKey").asText());
    }

    /** The key bundle of a record as the node serves it to the patient (or a guardian): record id → reader → key. */
    public KeyBundle recordKeys(TxSigner caller, String patientId, String recordId) {
        JsonNode k = as(caller).getJson("v1/patients/" + patientId + "/records/" + recordId + "/keys");
        return KeyBundle.fromBytes(Base64.getDecoder().decode(k.get("keys").asText()));
    }

    /** {@code patients.addGuardian}, signed by the patient. */
    public SubmitResponse addGuardian(TxSigner patient, String patientId, String guardian) {
        return guardian(patient, "addGuardian", patientId, guardian);
    }

    /** {@code patients.removeGuardian}, signed by the patient or by the guardian stepping down. */
    public SubmitResponse removeGuardian(TxSigner patientOrGuardian, String patientId, String guardian) {
        return guardian(patientOrGuardian, "removeGuardian", patientId, guardian);
    }

    /**
     * The patient's accounting of disclosures ({@code GET /v1/patients/{id}/disclosures}): every committed read of
     * the patient's records with its inclusion proof under {@code header}, and the node's log of API reads.
     */
    public DisclosureList disclosures(TxSigner patientOrGuardian, String patientId) {
        return as(patientOrGuardian).get("v1/patients/" + patientId + "/disclosures", DisclosureList.class);
    }

    /** The same accounting as a FHIR R4 searchset Bundle of AuditEvents. */
    public JsonNode disclosuresFhir(TxSigner patientOrGuardian, String patientId) {
        return as(patientOrGuardian).getJson("v1/patients/" + patientId + "/disclosures?format=fhir");
    }

    /** The break-glass accesses to an org's records awaiting its auditor's review. */
    public JsonNode reviewQueue(TxSigner auditor, String org) {
        return as(auditor).getJson("v1/reviews/" + org);
    }

    /** {@code patients.addGuardian} or {@code patients.removeGuardian}, signed by the patient (or, to step down, the guardian). */
    public SubmitResponse guardian(TxSigner signer, String method, String patientId, String guardian) {
        return Submissions.requireValid(as(signer).submit(signer.sign("patients", method, new GuardianChange(patientId, guardian)),
                Wait.COMMIT), "patients." + method);
    }

    /** A custodian org's auditor reviews a break-glass access: JUSTIFIED or UNJUSTIFIED, with an optional note. */
    public SubmitResponse reviewBreakGlass(TxSigner auditor, String accessId, String outcome, String note) {
        return Submissions.requireValid(as(auditor).submit(auditor.sign("access", "reviewBreakGlass", new ReviewBreakGlass(accessId,
                outcome, note)), Wait.COMMIT), "access.reviewBreakGlass");
    }

    public SubmitResponse erase(TxSigner patientOrGuardian, String recordId, String reason) {
        return erase(patientOrGuardian, recordId, reason, null);
    }

    /** Erasure by the patient or a guardian ({@code requestRef} null), or by the author org's admin with one. */
    public SubmitResponse erase(TxSigner signer, String recordId, String reason, String requestRef) {
        return Submissions.requireValid(as(signer).submit(signer.sign("records", "eraseRecord",
                new EraseRecord(recordId, reason, requestRef)), Wait.COMMIT), "records.eraseRecord");
    }

    /** Signs {@code access.read} and posts it to {@code /v1/access}. Denials come back as ACCESS_DENIED / RECORD_ERASED. */
    public AccessResult read(TxSigner reader, String recordId, String purpose, String breakGlassReason) {
        return postAccess(reader, reader.sign("access", "read", new ReadRecord(Submissions.newId("a-"), recordId, purpose,
                breakGlassReason)));
    }

    /**
     * One audited access for a set of a patient's records ({@code access.readSet}, {@code POST /v1/access/set}): one
     * transaction, each record decided as a single read without break-glass and listed in the patient's accounting.
     * At most {@code AccessContract.MAX_SET_SIZE} distinct records, else ACCESS_SET_TOO_LARGE (nothing is read). The
     * answer carries every record's decision; open the granted ones with {@link #open(AccessSetResult,
     * AccessSetResult.Item, String, EncryptionKeyPair)}.
     */
    public AccessSetResult readAll(TxSigner reader, String patientId, List<String> recordIds, String purpose) {
        TxEnvelope tx = reader.sign("access", "readSet", new ReadSet(Submissions.newId("s-"), patientId,
                List.copyOf(recordIds), purpose));
        return as(reader).postProtobuf("v1/access/set", tx.toByteArray(), AccessSetResult.class);
    }

    /** Opens one granted record of a set read, checked as {@link #open(AccessResult, String, EncryptionKeyPair)}. */
    public static byte[] open(AccessSetResult set, AccessSetResult.Item item, String readerOrg, EncryptionKeyPair key) {
        if (!item.granted()) {
            throw new CareledgerException("ACCESS_DENIED", "record " + item.recordId() + " of access set "
                    + set.accessId() + " was denied (" + item.denialReason() + ")");
        }
        String keys = set.keys().get(item.keysSha256());
        if (keys == null) {
            throw new CareledgerException("BAD_RESPONSE", "access set " + set.accessId() + " has no key bundle "
                    + item.keysSha256() + " for record " + item.recordId());
        }
        byte[] ciphertext = Base64.getDecoder().decode(item.ciphertext());
        if (!Hash.sha256(ciphertext).hex().equals(item.ciphertextSha256())) {
            throw new CareledgerException(CryptoErrors.RECORD_DECRYPT_FAILED, "the ciphertext of record "
                    + item.recordId() + " served by the node does not match the SHA-256 committed on the ledger ("
                    + item.ciphertextSha256() + "): it was altered; nothing was decrypted");
        }
        return openBytes(item.recordId(), ciphertext, KeyBundle.fromBytes(Base64.getDecoder().decode(keys)),
                readerOrg, key);
    }

    public AccessResult postAccess(TxSigner reader, TxEnvelope tx) {
        return as(reader).postProtobuf("v1/access", tx.toByteArray(), AccessResult.class);
    }

    /**
     * A break-glass read answered by a node that is not the record's custodian carries the record's own key bundle,
     * which the reader's org cannot open. This fetches the data key the custodian's node re-wraps for the reader's org
     * for that same committed access (no second access transaction) and returns the answer with it; any other answer
     * is returned as it is.
     */
    public static AccessResult withCustodianKeys(AccessResult a, String readerOrg, java.util.function.Supplier<CareledgerClient> custodian) {
        if (!a.breakGlass() || a.keysRewrappedBy() != null || readerOrg.equals(a.authorOrg())) {
            return a;
        }
        CustodianKeys k = custodian.get().get("v1/access/" + a.accessId() + "/keys", CustodianKeys.class);
        if (!k.accessId().equals(a.accessId()) || !k.recordId().equals(a.recordId()) || !k.readerOrg().equals(readerOrg)
                || !k.custodian().equals(a.authorOrg())) {
            throw new CareledgerException("BAD_RESPONSE", "the custodian's node answered for access " + k.accessId()
                    + " / record " + k.recordId() + " / reader " + k.readerOrg() + ", not for " + a.accessId());
        }
        return new AccessResult(a.accessId(), a.txId(), a.height(), a.decision(), a.breakGlass(), a.recordId(),
                a.recordType(), a.patientId(), a.authorOrg(), a.ciphertextSha256(), a.ciphertext(), k.keysSha256(),
                k.keys(), k.custodian(), a.tx(), a.header());
    }

    /**
     * Opens a served record with the reader org's key: the ciphertext must match the hash committed on the ledger
     * and decrypt under the unwrapped data key (AES-GCM tag), else RECORD_DECRYPT_FAILED.
     */
    public static byte[] open(AccessResult a, String readerOrg, EncryptionKeyPair key) {
        byte[] ciphertext = Base64.getDecoder().decode(a.ciphertext());
        if (!Hash.sha256(ciphertext).hex().equals(a.ciphertextSha256())) {
            throw new CareledgerException(CryptoErrors.RECORD_DECRYPT_FAILED, "the ciphertext of record " + a.recordId()
                    + " served by the node does not match the SHA-256 committed on the ledger (" + a.ciphertextSha256()
                    + "): it was altered; nothing was decrypted");
        }
        return openBytes(a.recordId(), ciphertext, KeyBundle.fromBytes(Base64.getDecoder().decode(a.keys())),
                readerOrg, key);
    }

    public static byte[] openBytes(String recordId, byte[] ciphertext, KeyBundle keys, String readerOrg, EncryptionKeyPair key) {
        try {
            return RecordSealer.open(recordId, ciphertext, keys, readerOrg, key);
        } catch (CareledgerException e) {
            if (e.code().equals(CryptoErrors.RECORD_DECRYPT_FAILED)) {
                throw new CareledgerException(e.code(), "record " + recordId + " does not decrypt: its ciphertext was"
                        + " altered or belongs to another record (" + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
