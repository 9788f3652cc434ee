package org.careledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.careledger.client.CareledgerClient;
import org.careledger.client.CareledgerClient.Wait;
import org.careledger.client.TxSigner;
import org.careledger.client.api.SubmitResponse;
import org.careledger.client.records.KeyBundle;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordSealer;
import org.careledger.client.records.SealedRecord;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.audit.ReviewBreakGlass;
import org.careledger.contracts.consent.GrantConsent;
import org.careledger.contracts.consent.LimitConsent;
import org.careledger.contracts.consent.RevokeConsent;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.GuardianChange;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.RegisterPatient;
import org.careledger.contracts.records.WriteRecord;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.fhir.BundleSplitter;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.FhirResourceEntry;
import org.careledger.fhir.SplitBundle;
import org.careledger.node.records.AccessResult;
import org.careledger.node.records.CustodianKeys;

/**
 * The client side of patient records: sealing for the patient and the author org, importing FHIR Bundles,
 * re-wrapping data keys for a consent grantee, audited reads and decryption. Plaintext never leaves this process.
 */
final class CareClient {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REFERENCES = 64;
    private static final int IMPORT_CONCURRENCY = 48;

    private final CareledgerClient client;
    private final ObjectMapper json = CanonicalJson.mapper();

    CareClient(CareledgerClient client) {
        this.client = client;
    }

    CareledgerClient http() {
        return client;
    }

    /** The node, with requests signed as the identity that signs the transaction they carry or the read they make. */
    CareledgerClient as(TxSigner caller) {
        return client.as(caller.requestSigner());
    }

    /** A fresh opaque id: prefix + 128 random bits. */
    static String newId(String prefix) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    static SubmitResponse requireValid(SubmitResponse r, String what) {
        if (!r.valid()) {
            String code = r.errorCode() == null || r.errorCode().isBlank() ? r.code() : r.errorCode();
            throw new CareledgerException(code == null ? "TX_REJECTED" : code, what + " failed: " + r.message());
        }
        return r;
    }

    /** A provider (member or admin of a hospital/lab org) registers the wallet's patient. */
    SubmitResponse registerPatient(TxSigner provider, PatientWallet w) {
        Base64.Encoder b64 = Base64.getEncoder();
        return requireValid(as(provider).submit(provider.sign("patients", "registerPatient", new RegisterPatient(
                w.patientId(), b64.encodeToString(w.signingKey().publicKey()),
                b64.encodeToString(w.encryptionKey().publicKey()), null)), Wait.COMMIT), "registerPatient");
    }

    /** The result of writing one record. */
    record Written(String recordId, String recordType, SubmitResponse response) {}

    /** Seals a resource for the patient and the author's org and writes it with its blobs. */
    Written writeRecord(CliIdentity author, String patientId, byte[] patientKey, String type, byte[] plaintext,
                        List<String> references, String previousRecordId) {
        String recordId = newId("r-");
        Map<String, byte[]> recipients = new TreeMap<>();
        recipients.put("patient/" + patientId, patientKey);
        recipients.put(author.org(), author.requireOrgKey().publicKey());
        SealedRecord sealed = RecordSealer.seal(recordId, plaintext, recipients);
        WriteRecord args = new WriteRecord(recordId, patientId, type, sealed.ciphertextSha256().hex(),
                (long) sealed.ciphertext().length, sealed.keysSha256().hex(), previousRecordId,
                references == null || references.isEmpty() ? null : references);
        SubmitResponse r = as(author.signer()).submitWithBlobs(author.signer().sign("records", "writeRecord", args),
                List.of(sealed.ciphertext(), sealed.keysBlob()), Wait.COMMIT);
        return new Written(recordId, type, requireValid(r, "writeRecord of a " + type));
    }

    /** What an import wrote: entry fullUrl → record id, and counts. */
    record Imported(Map<String, String> recordIds, Map<String, String> types, int resources, int references,
                    int droppedReferences, long millis) {
        double perSecond() {
            return millis == 0 ? resources : resources * 1000.0 / millis;
        }
    }

    /**
     * Splits a patient Bundle into one sealed record per resource. References inside the Bundle become record
     * references: resources are written in waves so a referenced record exists first (a cycle's back-references,
     * and references beyond the contract's 64, are left out of the ledger metadata but stay in the FHIR JSON).
     */
    Imported importBundle(CliIdentity author, PatientWallet w, byte[] bundleJson) {
        long start = System.nanoTime();
        SplitBundle split = new BundleSplitter(FhirR4.shared()).split(bundleJson);
        Map<String, FhirResourceEntry> byUrl = split.byFullUrl();
        Map<String, List<String>> deps = new LinkedHashMap<>();
        int refs = 0;
        for (FhirResourceEntry e : split.entries()) {
            List<String> d = new ArrayList<>();
            for (String ref : e.references()) {
                split.resolve(ref).map(FhirResourceEntry::fullUrl).filter(u -> !u.equals(e.fullUrl()))
                        .filter(u -> !d.contains(u)).ifPresent(d::add);
            }
            deps.put(e.fullUrl(), d);
        }
        Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        int dropped = 0;
        List<String> pending = new ArrayList<>(deps.keySet());
        byte[] patientKey = w.encryptionKey().publicKey();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!pending.isEmpty()) {
                List<String> wave = pending.stream().filter(u -> ids.keySet().containsAll(deps.get(u))).toList();
                if (wave.isEmpty()) { // a reference cycle: write the first remaining entry without its unwritten refs
                    wave = List.of(pending.get(0));
                }
                Semaphore inflight = new Semaphore(IMPORT_CONCURRENCY);
                List<Future<Written>> futures = new ArrayList<>();
                for (String url : wave) {
                    FhirResourceEntry e = byUrl.get(url);
                    List<String> refIds = deps.get(url).stream().map(ids::get).filter(java.util.Objects::nonNull)
                            .distinct().toList();
                    dropped += deps.get(url).size() - Math.min(refIds.size(), MAX_REFERENCES);
                    List<String> kept = refIds.size() > MAX_REFERENCES ? refIds.subList(0, MAX_REFERENCES) : refIds;
                    refs += kept.size();
                    types.put(url, e.resourceType());
                    inflight.acquireUninterruptibly();
                    futures.add(pool.submit(() -> {
                        try {
                            return writeRecord(author, w.patientId(), patientKey, e.resourceType(), e.resourceJson(),
                                    kept, null);
                        } finally {
                            inflight.release();
                        }
                    }));
                }
                for (int i = 0; i < wave.size(); i++) {
                    ids.put(wave.get(i), get(futures.get(i)).recordId());
                }
                Set<String> done = Set.copyOf(wave);
                pending = pending.stream().filter(u -> !done.contains(u)).toList();
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        deps.keySet().forEach(u -> ordered.put(u, ids.get(u)));
        return new Imported(ordered, types, ordered.size(), refs, dropped, (System.nanoTime() - start) / 1_000_000);
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
    List<RecordMeta> records(TxSigner caller, String patientId) {
        JsonNode n = as(caller).getJson("v1/patients/" + patientId + "/records");
        List<RecordMeta> out = new ArrayList<>();
        n.get("records").forEach(r -> out.add(json.convertValue(r, RecordMeta.class)));
        return out;
    }

    /** The org's X25519 public key from the ledger's org state. */
    byte[] orgEncryptionKey(TxSigner caller, String org) {
        JsonNode n = as(caller).getJson("v1/orgs/" + org);
        if (!n.hasNonNull("encryptionKey")) {
            throw new CareledgerException("ORG_KEY_UNKNOWN", "org " + org + " has no encryption key on the ledger");
        }
        return Base64.getDecoder().decode(n.get("encryptionKey").asText());
    }

    /**
     * The patient grants a grantee ({@code org} or {@code org/member}) the records of some types and/or ids for a
     * purpose: the data key of every covered, unerased record is re-wrapped (by the patient's key) for the grantee
     * org's encryption key, and the bundle travels as the grant's blob. Returns the grant id.
     */
    String grant(PatientWallet w, String grantee, List<String> types, List<String> recordIds, String purpose,
                 Long expiresAtMillis) {
        return grant(w, w.signer(), grantee, types, recordIds, purpose, expiresAtMillis);
    }

    /**
     * A grant signed by {@code signer}: the patient itself, or a guardian the patient registered who holds the
     * patient's wallet (its encryption key re-wraps the data keys; the guardian signs with its own key).
     */
    String grant(PatientWallet w, TxSigner signer, String grantee, List<String> types, List<String> recordIds,
                 String purpose, Long expiresAtMillis) {
        String granteeOrg = grantee.contains("/") ? grantee.substring(0, grantee.indexOf('/')) : grantee;
        byte[] granteeKey = orgEncryptionKey(signer, granteeOrg);
        List<String> ts = types == null ? List.of() : types;
        List<String> is = recordIds == null ? List.of() : recordIds;
        KeyBundle bundle = KeyBundle.empty();
        for (RecordMeta r : records(signer, w.patientId())) {
            if (!r.erased() && (ts.contains(r.recordType()) || is.contains(r.recordId()))) {
                JsonNode k = as(signer).getJson("v1/patients/" + w.patientId() + "/records/" + r.recordId() + "/keys");
                KeyBundle source = KeyBundle.fromBytes(Base64.getDecoder().decode(k.get("keys").asText()));
                bundle = RecordSealer.rewrap(bundle, r.recordId(), source, w.identityId(), w.encryptionKey(),
                        granteeOrg, granteeKey);
            }
        }
        if (bundle.keys().isEmpty()) { // an empty scope still needs a blob of its own: a grant-specific salt
            bundle = bundle.with("none", newId("salt-"), new byte[0]);
        }
        String grantId = newId("g-");
        GrantConsent args = new GrantConsent(grantId, w.patientId(), grantee, ts.isEmpty() ? null : ts,
                is.isEmpty() ? null : is, purpose, expiresAtMillis, bundle.sha256().hex());
        requireValid(as(signer).submitWithBlobs(signer.sign("consent", "grant", args), List.of(bundle.toBytes()),
                Wait.COMMIT), "consent.grant");
        return grantId;
    }

    SubmitResponse revoke(PatientWallet w, String grantId) {
        return revoke(w.signer(), grantId);
    }

    /** Revokes a grant, signed by the patient or one of its guardians. */
    SubmitResponse revoke(TxSigner patientOrGuardian, String grantId) {
        return requireValid(as(patientOrGuardian).submit(patientOrGuardian.sign("consent", "revoke", new RevokeConsent(grantId)),
                Wait.COMMIT), "consent.revoke");
    }

    /** {@code patients.addGuardian} or {@code patients.removeGuardian}, signed by the patient (or, to step down, the guardian). */
    SubmitResponse guardian(TxSigner signer, String method, String patientId, String guardian) {
        return requireValid(as(signer).submit(signer.sign("patients", method, new GuardianChange(patientId, guardian)),
                Wait.COMMIT), "patients." + method);
    }

    /** A custodian org's auditor reviews a break-glass access: JUSTIFIED or UNJUSTIFIED, with an optional note. */
    SubmitResponse reviewBreakGlass(TxSigner auditor, String accessId, String outcome, String note) {
        return requireValid(as(auditor).submit(auditor.sign("access", "reviewBreakGlass", new ReviewBreakGlass(accessId,
                outcome, note)), Wait.COMMIT), "access.reviewBreakGlass");
    }

    SubmitResponse erase(TxSigner patientOrGuardian, String recordId, String reason) {
        return erase(patientOrGuardian, recordId, reason, null);
    }

    /**
     * The patient (or a guardian) erases a record, then takes the record's wrapped data key out of every grant in
     * force that still carries it: the node purges the record's own blobs, but a grant that covers other records
     * too keeps its bundle, so the client rebuilds that bundle without the erased record's entry and swaps it in
     * with {@code consent.limit} (which purges the old blob on every node). Returns the grants changed.
     */
    List<String> eraseWithGrantKeys(TxSigner patientOrGuardian, String patientId, String recordId, String reason) {
        erase(patientOrGuardian, recordId, reason, null);
        return dropGrantKeys(patientOrGuardian, patientId, recordId);
    }

    /** Rebuilds the key bundle of each grant in force that holds {@code recordId}'s key, without it. */
    List<String> dropGrantKeys(TxSigner patientOrGuardian, String patientId, String recordId) {
        List<String> changed = new ArrayList<>();
        CareledgerClient http = as(patientOrGuardian);
        JsonNode grants = http.getJson("v1/patients/" + patientId + "/consents").get("grants");
        for (JsonNode g : grants) {
            if (g.hasNonNull("revokedAtMillis")) {
                continue;
            }
            String grantId = g.get("grantId").asText();
            KeyBundle bundle;
            try {
                JsonNode k = http.getJson("v1/patients/" + patientId + "/consents/" + grantId + "/keys");
                bundle = KeyBundle.fromBytes(Base64.getDecoder().decode(k.get("keys").asText()));
            } catch (CareledgerException e) {
                if (e.code().equals("GRANT_NOT_ACTIVE")) {
                    continue; // expired: its keys are no longer served, and are purged when the grants are pruned
                }
                throw e;
            }
            if (!bundle.keys().containsKey(recordId)) {
                continue;
            }
            TreeMap<String, TreeMap<String, String>> rest = new TreeMap<>();
            bundle.keys().forEach((r, m) -> {
                if (!r.equals(recordId)) {
                    rest.put(r, new TreeMap<>(m));
                }
            });
            KeyBundle without = new KeyBundle(rest);
            if (without.keys().isEmpty()) { // a bundle of its own still needs distinct bytes
                without = without.with("none", newId("salt-"), new byte[0]);
            }
            List<String> ids = new ArrayList<>();
            g.get("recordIds").forEach(n -> ids.add(n.asText()));
            boolean narrowed = ids.remove(recordId);
            LimitConsent args = new LimitConsent(grantId, null, narrowed ? ids : null, null, without.sha256().hex());
            requireValid(http.submitWithBlobs(patientOrGuardian.sign("consent", "limit", args),
                    List.of(without.toBytes()), Wait.COMMIT), "consent.limit of " + grantId);
            changed.add(grantId);
        }
        return changed;
    }

    /** Erasure by the patient or a guardian ({@code requestRef} null), or by the author org's admin with one. */
    SubmitResponse erase(TxSigner signer, String recordId, String reason, String requestRef) {
        return requireValid(as(signer).submit(signer.sign("records", "eraseRecord",
                new EraseRecord(recordId, reason, requestRef)), Wait.COMMIT), "records.eraseRecord");
    }

    /** Signs {@code access.read} and posts it to {@code /v1/access}. Denials come back as ACCESS_DENIED / RECORD_ERASED. */
    AccessResult read(TxSigner reader, String recordId, String purpose, String breakGlassReason) {
        return postAccess(reader, reader.sign("access", "read", new ReadRecord(newId("a-"), recordId, purpose,
                breakGlassReason)));
    }

    AccessResult postAccess(TxSigner reader, TxEnvelope tx) {
        return as(reader).postProtobuf("v1/access", tx.toByteArray(), AccessResult.class);
    }

    /** The API of an org's node at the address genesis lists for it, called as {@code caller}. */
    static CareledgerClient nodeOf(org.careledger.ledger.Genesis genesis, String org,
                                   org.careledger.client.auth.NodeTrust trust, TxSigner caller) {
        org.careledger.ledger.GenesisOrg o = genesis.org(org).orElseThrow(() ->
                new CareledgerException("ORG_UNKNOWN", "org " + org + " is not in genesis " + genesis.chainId()));
        if (o.node() == null || o.node().apiPort() == 0) {
            throw new CareledgerException("NODE_UNKNOWN", "genesis lists no API address for " + org + "'s node");
        }
        return new CareledgerClient(o.node().apiUrl(), null, trust, caller.requestSigner());
    }

    /**
     * A break-glass read answered by a node that is not the record's custodian carries the record's own key bundle,
     * which the reader's org cannot open. This fetches the data key the custodian's node re-wraps for the reader's org
     * for that same committed access (no second access transaction) and returns the answer with it; any other answer
     * is returned as it is.
     */
    static AccessResult withCustodianKeys(AccessResult a, String readerOrg, java.util.function.Supplier<CareledgerClient> custodian) {
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
    static byte[] open(AccessResult a, String readerOrg, EncryptionKeyPair key) {
        byte[] ciphertext = Base64.getDecoder().decode(a.ciphertext());
        if (!Hash.sha256(ciphertext).hex().equals(a.ciphertextSha256())) {
            throw new CareledgerException(CryptoErrors.RECORD_DECRYPT_FAILED, "the ciphertext of record " + a.recordId()
                    + " served by the node does not match the SHA-256 committed on the ledger (" + a.ciphertextSha256()
                    + "): it was altered; nothing was decrypted");
        }
        return openBytes(a.recordId(), ciphertext, KeyBundle.fromBytes(Base64.getDecoder().decode(a.keys())),
                readerOrg, key);
    }

    static byte[] openBytes(String recordId, byte[] ciphertext, KeyBundle keys, String readerOrg, EncryptionKeyPair key) {
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
