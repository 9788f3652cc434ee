package org.careledger.node.records;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.consent.ConsentList;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.AccessSetResult;
import org.careledger.api.records.CustodianKeys;
import org.careledger.api.records.DisclosureList;
import org.careledger.api.records.KeyBundle;
import org.careledger.api.records.ProvenDisclosure;
import org.careledger.api.records.ReadLogEntry;
import org.careledger.api.records.RecordSealer;
import org.careledger.consensus.Finality;
import org.careledger.contracts.audit.AccessContract;
import org.careledger.contracts.audit.AccessKeys;
import org.careledger.contracts.audit.AccessSet;
import org.careledger.contracts.audit.BreakGlassReview;
import org.careledger.contracts.audit.Disclosure;
import org.careledger.contracts.audit.PendingReview;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.audit.ReadSet;
import org.careledger.contracts.audit.ReviewOutcome;
import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.consent.ConsentGrants;
import org.careledger.contracts.consent.ConsentKeys;
import org.careledger.contracts.records.CareRoles;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.fhir.AuditEventExporter;
import org.careledger.fhir.ConsentExporter;
import org.careledger.fhir.FhirExport;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.model.ConsentGrantView;
import org.careledger.ledger.Ledger;
import org.careledger.node.TxService;
import org.careledger.node.auth.Caller;
import org.careledger.node.reads.ReadEntry;
import org.careledger.node.reads.ReadKind;
import org.careledger.node.reads.ReadLog;

/**
 * Patient records on a node, without HTTP. Reads only committed state; {@link #read} submits the signed
 * {@code access.read} and serves ciphertext only when the committed Disclosure says granted.
 */
public final class RecordService {
    /** Most entries one listing returns. */
    public static final int MAX_LIST = 10_000;

    private final Ledger ledger;
    private final Finality finality;
    private final TxService txs;
    private final String nodeOrg;
    private final EncryptionKeyPair orgKey;
    private final ReadLog reads;
    private volatile FhirExport fhir;

    /**
     * @param nodeOrg the org running this node
     * @param orgKey  that org's X25519 key, or null; with it the node re-wraps the data key of its own org's records
     *                for a break-glass reader of another org (the custodian's side of emergency access)
     */
    public RecordService(Ledger ledger, Finality finality, TxService txs, String nodeOrg, EncryptionKeyPair orgKey,
                         ReadLog reads) {
        this.ledger = ledger;
        this.finality = finality;
        this.txs = txs;
        this.nodeOrg = nodeOrg;
        this.orgKey = orgKey;
        this.reads = reads;
    }

    /**
     * Accounts for a read of patient data served from state rather than through a committed {@code access.read}: the
     * entry is durable in the node's read log before the answer leaves.
     */
    private void account(Caller caller, String patientId, ReadKind kind, String subject) {
        reads.append(caller.id(), caller.org(), patientId, kind, subject, ledger.head().height());
    }

    /** This node's logged API reads of the patient's data that the caller may see: all for the patient side. */
    private List<ReadEntry> apiReads(PatientScope scope, String patientId) {
        List<ReadEntry> out = new ArrayList<>();
        long from = 0;
        while (out.size() < MAX_LIST) {
            List<ReadEntry> page = reads.forPatient(patientId, from, 1000);
            for (ReadEntry e : page) {
                if (scope.isPatientSide() || e.callerOrg().equals(scope.caller().org())) {
                    out.add(e);
                }
            }
            if (page.size() < 1000) {
                break;
            }
            from = page.getLast().seq() + 1;
        }
        return out.size() > MAX_LIST ? out.subList(0, MAX_LIST) : out;
    }

    /**
     * Submits a signed {@code access.read} (protobuf TxEnvelope), waits for commit and serves the record if granted. The
     * request's caller must be the transaction's signer: ciphertext goes only to the reader the ledger judged.
     */
    public AccessResult read(Caller caller, byte[] envelope) {
        ReadRecord args = accessArgs(caller, envelope, "read", ReadRecord.class);
        submitAccess(envelope);
        Disclosure d = disclosure(args.accessId()).orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT",
                "access " + args.accessId() + " committed but its disclosure is not in state"));
        if (!d.granted()) {
            throw new RecordDenied(d);
        }
        RecordMeta record = record(d.recordId()).orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT",
                "record " + d.recordId() + " of access " + d.accessId() + " is not in state"));
        byte[] ciphertext = blob(record.ciphertextSha256(), "ciphertext of record " + record.recordId());
        String keysSha;
        byte[] keys;
        String rewrappedBy = null;
        if ("GRANT".equals(d.decision())) {
            ConsentGrant g = grant(d.grantId()).orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT",
                    "grant " + d.grantId() + " of access " + d.accessId() + " is not in state"));
            keysSha = g.wrappedKeysSha256();
            keys = blob(keysSha, "wrapped keys of grant " + g.grantId());
        } else {
            keysSha = record.keysSha256();
            keys = blob(keysSha, "key bundle of record " + record.recordId());
            if (d.breakGlass() && !d.accessorOrg().equals(record.authorOrg())) {
                byte[] rewrapped = rewrapForBreakGlass(record, keys, d.accessorOrg());
                if (rewrapped != null) {
                    keys = rewrapped;
                    keysSha = Hash.sha256(rewrapped).hex();
                    rewrappedBy = nodeOrg;
                }
            }
        }
        TxProofs proofs = new TxProofs(ledger, finality, List.of(d.txId()));
        Base64.Encoder b64 = Base64.getEncoder();
        return new AccessResult(d.accessId(), d.txId(), d.blockHeight(), d.decision(), d.breakGlass(), record.recordId(),
                record.recordType(), record.patientId(), record.authorOrg(), record.ciphertextSha256(),
                b64.encodeToString(ciphertext), keysSha, b64.encodeToString(keys), rewrappedBy, proofs.of(d.txId()),
                proofs.header);
    }

    /** The arguments of a signed access transaction of this method, submitted by its own signer. */
    private static <T> T accessArgs(Caller caller, byte[] envelope, String method, Class<T> type) {
        TxPayload payload;
        try {
            payload = TxPayload.parseFrom(TxEnvelope.parseFrom(envelope).getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "body is not a protobuf TxEnvelope: " + e.getMessage());
        }
        if (!payload.getSignerId().equals(caller.id())) {
            throw new CareledgerException("FORBIDDEN", "the access." + method + " is signed by " + payload.getSignerId()
                    + " but the request by " + caller.id() + "; a reader submits its own reads");
        }
        if (!payload.getContract().equals(AccessContract.NAME) || !payload.getMethod().equals(method)) {
            throw new CareledgerException("BAD_REQUEST", "this endpoint takes a signed access." + method
                    + " transaction, not " + payload.getContract() + "." + payload.getMethod()
                    + "; submit other transactions to POST /v1/txs");
        }
        try {
            return CanonicalJson.decode(payload.getArgs().toByteArray(), type);
        } catch (RuntimeException e) {
            throw new CareledgerException("ARGS_INVALID", "access." + method + " arguments are not valid: "
                    + e.getMessage());
        }
    }

    /** Submits an access transaction and waits for its commit; a failed one is its contract's error. */
    private void submitAccess(byte[] envelope) {
        SubmitResponse committed = txs.submit(envelope, Wait.COMMIT);
        if (!committed.valid()) {
            String code = committed.errorCode() == null || committed.errorCode().isBlank() ? committed.code()
                    : committed.errorCode();
            throw new CareledgerException(code, "access tx " + committed.txId() + " committed at height "
                    + committed.height() + " as " + committed.code() + ": " + committed.message());
        }
    }

    /**
     * Submits a signed {@code access.readSet}, waits for commit and serves, for each record the committed Disclosures
     * granted, its ciphertext and the key bundle a single read would serve (the grant's, or the record's for OWN_ORG),
     * each bundle once. Denied records come back with their decision and reason only; the answer is 200 whatever the
     * mix, since every decision is committed and audited.
     */
    public AccessSetResult readSet(Caller caller, byte[] envelope) {
        ReadSet args = accessArgs(caller, envelope, "readSet", ReadSet.class);
        submitAccess(envelope);
        AccessSet set = ledger.state(AccessKeys.accessSet(args.accessId()))
                .map(b -> CanonicalJson.decode(b, AccessSet.class))
                .orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT", "access set " + args.accessId()
                        + " committed but is not in state"));
        List<AccessSetResult.Item> items = new ArrayList<>(set.accessIds().size());
        java.util.Map<String, String> keys = new java.util.TreeMap<>();
        Base64.Encoder b64 = Base64.getEncoder();
        for (String memberId : set.accessIds()) {
            Disclosure d = disclosure(memberId).orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT",
                    "access " + memberId + " of set " + set.accessId() + " is not in state"));
            RecordMeta record = record(d.recordId()).orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT",
                    "record " + d.recordId() + " of access " + memberId + " is not in state"));
            if (!d.granted()) {
                items.add(new AccessSetResult.Item(memberId, record.recordId(), record.recordType(), record.authorOrg(),
                        d.decision(), d.denialReason(), null, null, null, null));
                continue;
            }
            String keysSha;
            if ("GRANT".equals(d.decision())) {
                keysSha = grant(d.grantId()).map(ConsentGrant::wrappedKeysSha256).orElseThrow(() ->
                        new CareledgerException("STORE_INCONSISTENT", "grant " + d.grantId() + " of access "
                                + memberId + " is not in state"));
            } else {
                keysSha = record.keysSha256();
            }
            if (!keys.containsKey(keysSha)) {
                keys.put(keysSha, b64.encodeToString(blob(keysSha, "key bundle " + keysSha)));
            }
            byte[] ciphertext = blob(record.ciphertextSha256(), "ciphertext of record " + record.recordId());
            items.add(new AccessSetResult.Item(memberId, record.recordId(), record.recordType(), record.authorOrg(),
                    d.decision(), null, d.grantId(), record.ciphertextSha256(), b64.encodeToString(ciphertext),
                    keysSha));
        }
        TxProofs proofs = new TxProofs(ledger, finality, List.of(set.txId()));
        return new AccessSetResult(set.accessId(), set.txId(), set.blockHeight(), set.patientId(), set.purpose(), items,
                keys, proofs.of(set.txId()), proofs.header);
    }

    /**
     * A patient's X25519 public key, which a provider seals records for: to the patient side and to members that may
     * write records (a hospital's import needs it before its org holds any record of the patient). Accounted.
     */
    public String patientKey(Caller caller, String patientId) {
        PatientRecord patient = requirePatient(patientId);
        boolean patientSide = caller.id().equals("patient/" + patientId) || patient.guardians().contains(caller.id());
        if (!patientSide && !CareRoles.mayWriteRecords(committedState(), caller.identity())) {
            throw new CareledgerException("FORBIDDEN", "a patient's encryption key is for the patient and members that"
                    + " write records, not " + caller.id());
        }
        account(caller, patientId, ReadKind.PATIENT_KEY, null);
        return patient.encryptionKey();
    }

    /**
     * The custodian's half of an emergency access read through another org's node: for a committed, granted
     * break-glass access to one of this node's org's records, the record's data key wrapped for the reader's org. The
     * access is already audited and queued for review, and only the reader's org can unwrap the answer, so it needs no
     * second transaction. Refused once the record is erased or the custodian's auditor found the access unjustified.
     */
    public CustodianKeys custodianKeys(Caller caller, String accessId) {
        Disclosure d = disclosure(accessId).orElseThrow(() -> new CareledgerException("ACCESS_NOT_FOUND",
                "no committed access " + accessId));
        if (!d.breakGlass() || !d.granted()) {
            throw new CareledgerException("NOT_BREAK_GLASS", "access " + accessId + " is not a granted break-glass"
                    + " access: a reader with consent gets its key with the read itself");
        }
        RecordMeta record = record(d.recordId()).orElseThrow(() -> new CareledgerException("STORE_INCONSISTENT",
                "record " + d.recordId() + " of access " + accessId + " is not in state"));
        if (d.accessorOrg().equals(record.authorOrg())) {
            throw new CareledgerException("NOT_BREAK_GLASS", "access " + accessId + " was made by the custodian org "
                    + record.authorOrg() + " itself, which holds the key already");
        }
        if (!caller.isConsortiumMember() || !caller.org().equals(d.accessorOrg())) {
            throw new CareledgerException("FORBIDDEN", "the key of access " + accessId + " is for "
                    + d.accessorOrg() + "'s readers, not " + caller.id());
        }
        if (!record.authorOrg().equals(nodeOrg) || orgKey == null) {
            throw new CareledgerException("NOT_CUSTODIAN", "record " + record.recordId() + " is in the custody of "
                    + record.authorOrg() + ": ask that org's node, not " + nodeOrg + "'s");
        }
        if (record.erased()) {
            throw new CareledgerException("RECORD_ERASED", "record " + record.recordId() + " was erased; its key is gone");
        }
        boolean unjustified = ledger.state(AccessKeys.breakGlassReview(accessId))
                .map(b -> CanonicalJson.decode(b, BreakGlassReview.class))
                .filter(r -> ReviewOutcome.UNJUSTIFIED.name().equals(r.outcome())).isPresent();
        if (unjustified) {
            throw new CareledgerException("ACCESS_DENIED", "break-glass access " + accessId + " was reviewed as"
                    + " unjustified by " + record.authorOrg() + "; its key is no longer served");
        }
        byte[] keys = rewrapForBreakGlass(record, blob(record.keysSha256(), "key bundle of record " + record.recordId()),
                d.accessorOrg());
        if (keys == null) {
            throw new CareledgerException("NOT_FOUND", "org " + d.accessorOrg() + " has no encryption key on the ledger");
        }
        return new CustodianKeys(accessId, record.recordId(), d.accessorOrg(), nodeOrg, Hash.sha256(keys).hex(),
                Base64.getEncoder().encodeToString(keys));
    }

    /**
     * The custodian's node re-wraps a record's data key for a break-glass reader's org, when this node belongs to
     * the record's author org and holds its key. Otherwise the reader gets the record's bundle unchanged (wrapped
     * for the patient and the author org only) and must ask the custodian.
     */
    private byte[] rewrapForBreakGlass(RecordMeta record, byte[] bundleBytes, String readerOrg) {
        if (orgKey == null || !record.authorOrg().equals(nodeOrg)) {
            return null;
        }
        String readerKey = ledger.state(StateKeys.org(readerOrg))
                .map(b -> CanonicalJson.decode(b, OrgRecord.class).encryptionKey()).orElse(null);
        if (readerKey == null) {
            return null;
        }
        KeyBundle source = KeyBundle.fromBytes(bundleBytes);
        return RecordSealer.rewrap(KeyBundle.empty(), record.recordId(), source, nodeOrg, orgKey, readerOrg,
                Base64.getDecoder().decode(readerKey)).toBytes();
    }

    /**
     * The disclosures of a patient's records the caller may see, in block order, with proofs: all of them for the
     * patient and guardians; for an org, reads of records it holds and reads its own people made.
     */
    public DisclosureList disclosures(Caller caller, String patientId) {
        PatientScope scope = scope(caller, patientId);
        List<Disclosure> list = disclosureList(scope, patientId);
        TxProofs proofs = new TxProofs(ledger, finality, list.stream().map(Disclosure::txId).toList());
        List<ProvenDisclosure> out = list.stream().map(d -> new ProvenDisclosure(d, proofs.of(d.txId()), review(d)))
                .toList();
        List<ReadLogEntry> apiReads = apiReads(scope, patientId).stream().map(ReadEntry::wire).toList();
        account(caller, patientId, ReadKind.DISCLOSURES, null);
        return new DisclosureList(patientId, out.size(), out, proofs.header, apiReads);
    }

    /** The disclosures and this node's logged API reads as a FHIR R4 searchset Bundle of AuditEvents. */
    public String disclosuresFhir(Caller caller, String patientId) {
        PatientScope scope = scope(caller, patientId);
        List<org.careledger.fhir.model.ApiRead> reads = apiReads(scope, patientId).stream()
                .map(e -> new org.careledger.fhir.model.ApiRead(nodeOrg + "/node", e.seq(), e.hash(), e.caller(),
                        e.callerOrg(), e.patientId(), e.kind().name(), e.subject(), Instant.ofEpochMilli(e.atMillis())))
                .toList();
        account(caller, patientId, ReadKind.DISCLOSURES, null);
        List<org.careledger.fhir.model.Disclosure> views = disclosureList(scope, patientId).stream()
                .map(this::fhirDisclosure)
                .toList();
        return export().auditBundle(views, reads);
    }

    /**
     * The grants the caller may see (revoked and expired ones included), in grant-id order: every grant the patient
     * made for the patient and guardians, the grants it holds for an org's people.
     */
    public ConsentList consents(Caller caller, String patientId) {
        List<ConsentGrant> grants = grants(caller, patientId);
        return new ConsentList(patientId, grants.size(), grants);
    }

    private List<ConsentGrant> grants(Caller caller, String patientId) {
        PatientScope scope = scope(caller, patientId);
        List<ConsentGrant> out = new ArrayList<>();
        for (byte[] v : ledger.scanState(ConsentKeys.patientGrants(patientId), MAX_LIST).values()) {
            grant(CanonicalJson.decode(v, String.class)).filter(g -> scope.isPatientSide() || scope.holds(g))
                    .ifPresent(out::add);
        }
        account(caller, patientId, ReadKind.CONSENTS, null);
        return out;
    }

    /** The grants as a FHIR R4 collection Bundle of Consents, as of the newest block's time. */
    public String consentsFhir(Caller caller, String patientId) {
        List<ConsentGrantView> views = grants(caller, patientId).stream().map(g -> new ConsentGrantView(g.grantId(),
                g.patientId(), g.grantee(), ConsentGrant.MEMBER.equals(g.granteeKind()) ? ConsentGrantView.PRACTITIONER
                : ConsentGrantView.ORG, g.recordTypes(), g.recordIds(), g.purpose(),
                Instant.ofEpochMilli(g.grantedAtMillis()), g.expiresAtMillis() == null ? null
                : Instant.ofEpochMilli(g.expiresAtMillis()), g.revokedAtMillis() == null ? null
                : Instant.ofEpochMilli(g.revokedAtMillis()))).toList();
        return export().consentBundle(views, Instant.ofEpochMilli(blockTime()));
    }

    /**
     * Metadata (never content) of the record versions of a patient the caller may see, in record-id order: all of them
     * for the patient and guardians; for an org, those it holds in custody or holds a grant in force for.
     */
    public List<RecordMeta> records(Caller caller, String patientId) {
        PatientScope scope = scope(caller, patientId);
        List<RecordMeta> out = new ArrayList<>();
        for (byte[] v : ledger.scanState(RecordKeys.patientRecords(patientId), MAX_LIST).values()) {
            record(CanonicalJson.decode(v, String.class)).filter(scope::maySee).ifPresent(out::add);
        }
        account(caller, patientId, ReadKind.RECORD_LIST, null);
        return out;
    }

    /**
     * The key bundle of one record: its data key wrapped for the patient and the author org. Wrapped keys only open
     * with those parties' private keys; the patient's client fetches them to re-wrap for a grantee.
     */
    public byte[] recordKeys(Caller caller, String patientId, String recordId) {
        PatientScope scope = scope(caller, patientId);
        RecordMeta r = record(recordId).filter(m -> m.patientId().equals(patientId)).orElseThrow(() ->
                new CareledgerException("NOT_FOUND", "patient " + patientId + " has no record " + recordId));
        if (!scope.isPatientSide() && !scope.custodianOf(r)) {
            throw new CareledgerException("FORBIDDEN", "the key bundle of " + recordId + " is for the patient and "
                    + r.authorOrg() + " only");
        }
        if (r.erased()) {
            throw new CareledgerException("RECORD_ERASED", "record " + recordId + " was erased; its keys are purged");
        }
        byte[] keys = blob(r.keysSha256(), "key bundle of record " + recordId);
        account(caller, patientId, ReadKind.RECORD_KEYS, recordId);
        return keys;
    }

    /**
     * A record's ciphertext for the patient's side (and the custodian): the patient's own client opens it with the key
     * bundle's entry for the patient. The access contract decides members' reads only, so this read is accounted for
     * in the node's API read log, as the key bundle's is.
     */
    public byte[] recordCiphertext(Caller caller, String patientId, String recordId) {
        PatientScope scope = scope(caller, patientId);
        RecordMeta r = record(recordId).filter(m -> m.patientId().equals(patientId)).orElseThrow(() ->
                new CareledgerException("NOT_FOUND", "patient " + patientId + " has no record " + recordId));
        if (!scope.isPatientSide() && !scope.custodianOf(r)) {
            throw new CareledgerException("FORBIDDEN", "the ciphertext of " + recordId + " is served here to the patient"
                    + " and " + r.authorOrg() + " only; others read with access.read (POST /v1/access)");
        }
        if (r.erased()) {
            throw new CareledgerException("RECORD_ERASED", "record " + recordId + " was erased; its ciphertext is purged");
        }
        byte[] ciphertext = blob(r.ciphertextSha256(), "ciphertext of record " + recordId);
        account(caller, patientId, ReadKind.RECORD_CIPHERTEXT, recordId);
        return ciphertext;
    }

    /**
     * The wrapped-keys blob of a grant in force: the data keys the patient re-wrapped for the grantee. The patient's
     * client reads it to rebuild the bundle without an erased record's key ({@code consent.limit} with the new blob).
     */
    public byte[] grantKeys(Caller caller, String patientId, String grantId) {
        PatientScope scope = scope(caller, patientId);
        ConsentGrant g = grant(grantId).filter(x -> x.patientId().equals(patientId)).orElseThrow(() ->
                new CareledgerException("NOT_FOUND", "patient " + patientId + " has no grant " + grantId));
        if (!scope.isPatientSide() && !scope.holds(g)) {
            throw new CareledgerException("FORBIDDEN", "the keys of grant " + grantId + " are for the patient and "
                    + g.grantee() + " only");
        }
        if (!g.inForceAt(blockTime())) {
            throw new CareledgerException("GRANT_NOT_ACTIVE", "grant " + grantId + " is "
                    + (g.revokedAtMillis() != null ? "revoked" : "expired") + "; its wrapped keys are no longer served");
        }
        byte[] keys = blob(g.wrappedKeysSha256(), "wrapped keys of grant " + grantId);
        account(caller, patientId, ReadKind.GRANT_KEYS, grantId);
        return keys;
    }

    /** The org's queue of break-glass accesses awaiting review: for that org's auditors only. */
    public List<PendingReview> reviews(Caller caller, String org) {
        if (org == null || !org.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new CareledgerException("BAD_REQUEST", "'" + org + "' is not an org id");
        }
        if (!caller.isConsortiumMember() || !caller.org().equals(org) || !caller.hasRole(CareRoles.AUDITOR)) {
            throw new CareledgerException("FORBIDDEN", "the review queue of " + org + " is for its members with role "
                    + CareRoles.AUDITOR + ", not " + caller.id());
        }
        List<PendingReview> queue = ledger.scanState(AccessKeys.reviewQueue(org), MAX_LIST).values().stream()
                .map(v -> CanonicalJson.decode(v, PendingReview.class)).toList();
        // the queue names patients and what was read of them: one entry per patient it shows
        queue.stream().map(PendingReview::patientId).distinct()
                .forEach(p -> account(caller, p, ReadKind.REVIEW_QUEUE, org));
        return queue;
    }

    /** An org as kept in state (roles, encryption key), for clients that wrap keys for it. */
    public OrgRecord org(String org) {
        if (org == null || !org.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new CareledgerException("BAD_REQUEST", "'" + org + "' is not an org id");
        }
        return ledger.state(StateKeys.org(org)).map(b -> CanonicalJson.decode(b, OrgRecord.class))
                .orElseThrow(() -> new CareledgerException("NOT_FOUND", "no org " + org));
    }

    public Optional<Disclosure> disclosure(String accessId) {
        if (!Identifiers.isId(accessId)) {
            return Optional.empty();
        }
        return ledger.state(AccessKeys.access(accessId)).map(b -> CanonicalJson.decode(b, Disclosure.class));
    }

    private List<Disclosure> disclosureList(PatientScope scope, String patientId) {
        Caller caller = scope.caller();
        List<Disclosure> out = new ArrayList<>();
        for (byte[] v : ledger.scanState(AccessKeys.patientDisclosures(patientId), MAX_LIST).values()) {
            disclosure(CanonicalJson.decode(v, String.class)).filter(d -> scope.isPatientSide()
                    || (caller.isConsortiumMember() && (d.accessorOrg().equals(caller.org())
                    || record(d.recordId()).map(scope::custodianOf).orElse(false)))).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The caller's view of a patient, refused outright for a caller with no tie to the patient: neither the patient
     * nor a guardian, and an org that holds none of the patient's records and no grant in force.
     */
    private PatientScope scope(Caller caller, String patientId) {
        PatientRecord patient = requirePatient(patientId);
        long now = blockTime();
        PatientScope scope = new PatientScope(caller, patient, ConsentGrants.active(committedState(), patientId)
                .stream().filter(g -> g.inForceAt(now)).toList());
        if (scope.isPatientSide() || scope.grantsInForce().stream().anyMatch(scope::holds)) {
            return scope;
        }
        if (caller.isConsortiumMember() && holdsAnyRecord(caller.org(), patientId)) {
            return scope;
        }
        throw new CareledgerException("FORBIDDEN", caller.id() + " has no tie to patient " + patientId
                + ": not the patient or a guardian, no record in its org's custody, no grant in force");
    }

    private org.careledger.fhir.model.Disclosure fhirDisclosure(Disclosure d) {
        BreakGlassReview r = review(d);
        return new org.careledger.fhir.model.Disclosure(d.txId(), d.patientId(), d.recordId(), d.recordType(),
                d.accessor(), d.accessorOrg(), d.purpose(), d.breakGlass(), d.breakGlassReason(), d.granted(),
                Instant.ofEpochMilli(d.atMillis()), d.blockHeight(), d.decision(), d.grantId(), d.denialReason(),
                r == null ? null : new org.careledger.fhir.model.Review(r.outcome(), r.reviewer(), r.note(),
                        Instant.ofEpochMilli(r.reviewedAtMillis())));
    }

    /** The custodian auditor's review of a break-glass access, once made. */
    private BreakGlassReview review(Disclosure d) {
        return d.breakGlass() ? ledger.state(AccessKeys.breakGlassReview(d.accessId()))
                .map(b -> CanonicalJson.decode(b, BreakGlassReview.class)).orElse(null) : null;
    }

    /** Committed state, read-only, for the contracts' own lookups. */
    private org.careledger.core.contract.StateAccess committedState() {
        return new org.careledger.core.contract.StateAccess() {
            @Override
            public Optional<byte[]> get(String key) {
                return ledger.state(key);
            }

            @Override
            public java.util.SortedMap<String, byte[]> scan(String prefix, int limit) {
                return ledger.scanState(prefix, limit);
            }

            @Override
            public void put(String key, byte[] value) {
                throw new UnsupportedOperationException("committed state is read-only");
            }

            @Override
            public void delete(String key) {
                throw new UnsupportedOperationException("committed state is read-only");
            }
        };
    }

    private boolean holdsAnyRecord(String org, String patientId) {
        for (byte[] v : ledger.scanState(RecordKeys.patientRecords(patientId), MAX_LIST).values()) {
            if (record(CanonicalJson.decode(v, String.class)).map(r -> r.authorOrg().equals(org)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private Optional<RecordMeta> record(String recordId) {
        if (!Identifiers.isId(recordId)) {
            return Optional.empty();
        }
        return ledger.state(RecordKeys.record(recordId)).map(b -> CanonicalJson.decode(b, RecordMeta.class));
    }

    private Optional<ConsentGrant> grant(String grantId) {
        if (!Identifiers.isId(grantId)) {
            return Optional.empty();
        }
        return ledger.state(ConsentKeys.grant(grantId)).map(b -> CanonicalJson.decode(b, ConsentGrant.class));
    }

    private PatientRecord requirePatient(String patientId) {
        if (!Identifiers.isPatientId(patientId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + patientId + "' is not a patient id (p-…)");
        }
        return ledger.state(RecordKeys.patient(patientId)).map(b -> CanonicalJson.decode(b, PatientRecord.class))
                .orElseThrow(() -> new CareledgerException("NOT_FOUND", "no patient " + patientId));
    }

    private byte[] blob(String sha256Hex, String what) {
        return ledger.blob(Hash.fromHex(sha256Hex)).orElseThrow(() -> new CareledgerException("BLOB_NOT_FOUND",
                what + " (blob " + sha256Hex + ") is not held by this node"));
    }

    private long blockTime() {
        var head = ledger.head();
        return head.height() == 0 ? ledger.genesis().createdAtMillis() : head.header().getTimestampMillis();
    }

    private FhirExport export() {
        FhirExport f = fhir;
        if (f == null) {
            f = new FhirExport(FhirR4.shared(), new AuditEventExporter(ledger.genesis().chainId()), new ConsentExporter());
            fhir = f;
        }
        return f;
    }
}
