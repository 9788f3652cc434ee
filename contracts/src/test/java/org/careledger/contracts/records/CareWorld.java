package org.careledger.contracts.records;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import org.careledger.contracts.audit.AccessContract;
import org.careledger.contracts.audit.Disclosure;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.consent.ConsentContract;
import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.consent.GrantConsent;
import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.envelope.EncryptionKeyPair;

/**
 * A small consortium for contract tests: two hospitals, a lab and a pharmacy with their admins and members, the four
 * care contracts, and shorthands for the common transactions. Everything is derived from names, so two worlds built
 * the same way hold the same bytes.
 */
public final class CareWorld {
    public final FakeLedger ledger = new FakeLedger();
    public final PatientsContract patients = new PatientsContract();
    public final RecordsContract records = new RecordsContract(org.careledger.contracts.consent.ConsentGrants.ON_RECORD_ERASED);
    public final ConsentContract consent = new ConsentContract();
    public final AccessContract access = new AccessContract();

    public final Identity adminA;
    public final Identity drLee;
    public final Identity nurseKim;
    public final Identity clerkA;
    public final Identity auditorA;
    public final Identity adminB;
    public final Identity drNg;
    public final Identity drPark;
    public final Identity erDocB;
    public final Identity auditorB;
    public final Identity labTech;
    public final Identity adminLab;
    public final Identity pharmacist;
    public final Identity adminPharmacy;

    public CareWorld() {
        org("hospital-a", "hospital");
        org("hospital-b", "hospital");
        org("lab-c", "lab");
        org("pharmacy-d", "pharmacy");
        adminA = admin("hospital-a", "hospital");
        drLee = member("hospital-a/dr-lee", "physician");
        nurseKim = member("hospital-a/nurse-kim", "nurse");
        clerkA = member("hospital-a/clerk", "billing");
        auditorA = member("hospital-a/auditor", "auditor");
        adminB = admin("hospital-b", "hospital");
        drNg = member("hospital-b/dr-ng", "physician");
        drPark = member("hospital-b/dr-park", "practitioner");
        erDocB = member("hospital-b/er-doc", "emergency", "physician");
        auditorB = member("hospital-b/auditor", "auditor");
        labTech = member("lab-c/tech", "lab-tech");
        adminLab = admin("lab-c", "lab");
        pharmacist = member("pharmacy-d/pharm", "pharmacist", "physician");
        adminPharmacy = admin("pharmacy-d", "pharmacy");
    }

    public static Hash sha(String label) {
        return Hash.sha256(label.getBytes(StandardCharsets.UTF_8));
    }

    public static String blob(String label) {
        return sha(label).hex();
    }

    /** A world with these patients registered by hospital-a. */
    public static CareWorld withPatients(String... patientIds) {
        CareWorld w = new CareWorld();
        for (String id : patientIds) {
            w.patient(id);
        }
        return w;
    }

    /** A source key (or subject key) as the SDK makes it: SHA-256 of the FHIR identity, in hex. */
    public static String sourceKey(String identity) {
        return identity == null ? null : sha(identity).hex();
    }

    /** An Observation record with blobs named after its id, as writeRecord(s) takes it. */
    public static WriteRecord observation(String id, String patient, long size, List<String> refs, String source,
                                          String subject, Boolean acceptOtherSubject) {
        return new WriteRecord(id, patient, "Observation", blob("ct/" + id), size, blob("keys/" + id), null, refs,
                sourceKey(source), sourceKey(subject), acceptOtherSubject);
    }

    public static String signingKey(String name) {
        return Base64.getEncoder().encodeToString(Ed25519Signer.fromSeed(sha("sign/" + name).bytes()).publicKey());
    }

    public static String encryptionKey(String name) {
        return Base64.getEncoder().encodeToString(
                EncryptionKeyPair.fromPrivateKey(sha("enc/" + name).bytes()).publicKey());
    }

    public void org(String id, String... roles) {
        ledger.put(StateKeys.org(id), new OrgRecord(id, id, List.of(roles), "test CA of " + id, List.of()));
    }

    public Identity admin(String org, String... orgRoles) {
        List<String> roles = new ArrayList<>(List.of(orgRoles));
        roles.add("admin");
        return identity(org + "/admin", Identity.Kind.ORG_ADMIN, roles);
    }

    public Identity member(String id, String... roles) {
        return identity(id, Identity.Kind.MEMBER, List.of(roles));
    }

    private Identity identity(String id, Identity.Kind kind, List<String> roles) {
        byte[] key = Ed25519Signer.fromSeed(sha("sign/" + id).bytes()).publicKey();
        Identity identity = new Identity(id, id.substring(0, id.indexOf('/')), kind, "ED25519", key, new TreeSet<>(roles));
        ledger.put(StateKeys.identity(id), IdentityRecord.of(identity, kind == Identity.Kind.MEMBER ? "member cert" : "admin cert"));
        return identity;
    }

    public RegisterPatient registration(String patientId, String... guardians) {
        return new RegisterPatient(patientId, signingKey(patientId), encryptionKey(patientId), List.of(guardians));
    }

    /** Registers the patient (by hospital-a's admin) and returns the identity it signs with. */
    public Identity patient(String patientId, String... guardians) {
        ledger.ok(patients, adminA, "registerPatient", registration(patientId, guardians));
        return ledger.identity("patient/" + patientId);
    }

    public WriteRecord recordArgs(String recordId, String patientId, String type) {
        return new WriteRecord(recordId, patientId, type, blob("ct/" + recordId), 1234L, blob("keys/" + recordId),
                null, null);
    }

    /** Writes a record and returns its id. */
    public String record(Identity author, String recordId, String patientId, String type) {
        ledger.ok(records, author, "writeRecord", recordArgs(recordId, patientId, type));
        return recordId;
    }

    public RecordMeta meta(String recordId) {
        return ledger.read(RecordKeys.record(recordId), RecordMeta.class);
    }

    public GrantConsent grantArgs(String grantId, String patientId, String grantee, List<String> types,
                                  List<String> ids, String purpose, Long expiresAtMillis) {
        return new GrantConsent(grantId, patientId, grantee, types, ids, purpose, expiresAtMillis,
                blob("grant-keys/" + grantId));
    }

    public ConsentGrant grantState(String grantId) {
        return ledger.read("grant/" + grantId, ConsentGrant.class);
    }

    public FakeLedger.Outcome read(Identity reader, String accessId, String recordId, String purpose, String reason) {
        return ledger.run(access, reader, "read", new ReadRecord(accessId, recordId, purpose, reason));
    }

    public Disclosure disclosure(String accessId) {
        return ledger.read("access/" + accessId, Disclosure.class);
    }
}
