package org.careledger.client.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.consent.ConsentList;
import org.careledger.api.records.KeyBundle;
import org.careledger.api.records.RecordSealer;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.consent.GrantConsent;
import org.careledger.contracts.consent.LimitConsent;
import org.careledger.contracts.consent.RevokeConsent;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.CareledgerException;

/**
 * Consent from Java, on the patient's side: granting an org (or one of its members) some of the patient's records
 * for a purpose, which re-wraps each covered record's data key for the grantee with the patient's own key (the node
 * never holds a key that opens a record); revoking; and, after an erasure, taking the erased record's key out of every
 * grant in force. Signed by the patient or a guardian the patient registered.
 */
public final class ConsentClient {
    private final RecordsClient records;

    public ConsentClient(CareledgerClient client) {
        this.records = new RecordsClient(client);
    }

    /** The node, with requests signed as {@code caller}. */
    public CareledgerClient as(TxSigner caller) {
        return records.as(caller);
    }

    /** The patient's grants as the node holds them ({@code GET /v1/patients/{id}/consents}). */
    public ConsentList consents(TxSigner patientOrGuardian, String patientId) {
        return as(patientOrGuardian).get("v1/patients/" + patientId + "/consents", ConsentList.class);
    }

    /** The same grants as FHIR R4 Consent resources (a searchset Bundle). */
    public JsonNode consentsFhir(TxSigner patientOrGuardian, String patientId) {
        return as(patientOrGuardian).getJson("v1/patients/" + patientId + "/consents?format=fhir");
    }

    /**
     * The patient grants a grantee ({@code org} or {@code org/member}) the records of some types and/or ids for a
     * purpose: the data key of every covered, unerased record is re-wrapped (by the patient's key) for the grantee
     * org's encryption key, and the bundle travels as the grant's blob. Returns the grant id.
     */
    public String grant(PatientWallet w, String grantee, List<String> types, List<String> recordIds, String purpose,
                 Long expiresAtMillis) {
        return grant(w, w.signer(), grantee, types, recordIds, purpose, expiresAtMillis);
    }

    /**
     * A grant signed by {@code signer}: the patient itself, or a guardian the patient registered who holds the
     * patient's wallet (its encryption key re-wraps the data keys; the guardian signs with its own key).
     */
    public String grant(PatientWallet w, TxSigner signer, String grantee, List<String> types, List<String> recordIds,
                 String purpose, Long expiresAtMillis) {
        String granteeOrg = grantee.contains("/") ? grantee.substring(0, grantee.indexOf('/')) : grantee;
        byte[] granteeKey = records.orgEncryptionKey(signer, granteeOrg);
        List<String> ts = types == null ? List.of() : types;
        List<String> is = recordIds == null ? List.of() : recordIds;
        KeyBundle bundle = KeyBundle.empty();
        for (RecordMeta r : records.records(signer, w.patientId())) {
            if (!r.erased() && (ts.contains(r.recordType()) || is.contains(r.recordId()))) {
                KeyBundle source = records.recordKeys(signer, w.patientId(), r.recordId());
                bundle = RecordSealer.rewrap(bundle, r.recordId(), source, w.identityId(), w.encryptionKey(),
                        granteeOrg, granteeKey);
            }
        }
        if (bundle.keys().isEmpty()) { // an empty scope still needs a blob of its own: a grant-specific salt
            bundle = bundle.with("none", Submissions.newId("salt-"), new byte[0]);
        }
        String grantId = Submissions.newId("g-");
        GrantConsent args = new GrantConsent(grantId, w.patientId(), grantee, ts.isEmpty() ? null : ts,
                is.isEmpty() ? null : is, purpose, expiresAtMillis, bundle.sha256().hex());
        Submissions.requireValid(as(signer).submitWithBlobs(signer.sign("consent", "grant", args), List.of(bundle.toBytes()),
                Wait.COMMIT), "consent.grant");
        return grantId;
    }

    public SubmitResponse revoke(PatientWallet w, String grantId) {
        return revoke(w.signer(), grantId);
    }

    /** Revokes a grant, signed by the patient or one of its guardians. */
    public SubmitResponse revoke(TxSigner patientOrGuardian, String grantId) {
        return Submissions.requireValid(as(patientOrGuardian).submit(patientOrGuardian.sign("consent", "revoke", new RevokeConsent(grantId)),
                Wait.COMMIT), "consent.revoke");
    }

    /**
     * The patient (or a guardian) erases a record, then takes the record's wrapped data key out of every grant in
     * force that still carries it: the node purges the record's own blobs, but a grant that covers other records
     * too keeps its bundle, so the client rebuilds that bundle without the erased record's entry and swaps it in
     * with {@code consent.limit} (which purges the old blob on every node). Returns the grants changed.
     */
    public List<String> eraseWithGrantKeys(TxSigner patientOrGuardian, String patientId, String recordId, String reason) {
        records.erase(patientOrGuardian, recordId, reason, null);
        return dropGrantKeys(patientOrGuardian, patientId, recordId);
    }

    /** Rebuilds the key bundle of each grant in force that holds {@code recordId}'s key, without it. */
    public List<String> dropGrantKeys(TxSigner patientOrGuardian, String patientId, String recordId) {
        List<String> changed = new ArrayList<>();
        CareledgerClient http = as(patientOrGuardian);
        for (ConsentGrant g : consents(patientOrGuardian, patientId).grants()) {
            if (g.revokedAtMillis() != null) {
                continue;
            }
            String grantId = g.grantId();
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
                without = without.with("none", Submissions.newId("salt-"), new byte[0]);
            }
            List<String> ids = new ArrayList<>(g.recordIds());
            boolean narrowed = ids.remove(recordId);
            LimitConsent args = new LimitConsent(grantId, null, narrowed ? ids : null, null, without.sha256().hex());
            Submissions.requireValid(http.submitWithBlobs(patientOrGuardian.sign("consent", "limit", args),
                    List.of(without.toBytes()), Wait.COMMIT), "consent.limit of " + grantId);
            changed.add(grantId);
        }
        return changed;
    }
}
