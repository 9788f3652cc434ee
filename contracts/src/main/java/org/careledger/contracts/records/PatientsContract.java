package org.careledger.contracts.records;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import org.careledger.contracts.Args;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.crypto.envelope.EncryptionKeyPair;

/**
 * Patient registration: a member or admin of a hospital or lab, having proofed the person off-ledger, registers a
 * pseudonym with the patient's own signing and encryption keys; from then on only the patient (or a guardian it
 * names) can consent for it.
 */
public final class PatientsContract implements Contract {
    public static final String NAME = "patients";
    public static final int MAX_GUARDIANS = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "registerPatient" -> register(ctx, Args.decode(args, RegisterPatient.class));
            case "addGuardian" -> addGuardian(ctx, Args.decode(args, GuardianChange.class));
            case "removeGuardian" -> removeGuardian(ctx, Args.decode(args, GuardianChange.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "patients has no method '" + method + "'");
        }
    }

    private void register(ContractContext ctx, RegisterPatient args) {
        Identity signer = ctx.signer();
        boolean staff = signer.kind() == Identity.Kind.MEMBER || signer.kind() == Identity.Kind.ORG_ADMIN;
        if (!staff || !CareRoles.isProviderOrg(ctx.state(), signer.org())) {
            throw new ContractException("NOT_A_PROVIDER", signer.id() + " is not a member or admin of an org with role "
                    + String.join(" or ", CareRoles.PROVIDER_ORG_ROLES) + ", so it cannot register patients");
        }
        String patientId = args.patientId();
        if (!Identifiers.isPatientId(patientId)) {
            throw new ContractException("PATIENT_ID_INVALID", "patient id '" + Identifiers.shown(patientId)
                    + "' must be a pseudonym matching " + Identifiers.PATIENT_ID.pattern());
        }
        String identityId = RecordKeys.patientIdentityId(patientId);
        if (ctx.state().get(RecordKeys.patient(patientId)).isPresent()
                || ctx.state().get(StateKeys.identity(identityId)).isPresent()) {
            throw new ContractException("PATIENT_EXISTS", "patient " + patientId + " is already registered");
        }
        byte[] signingKey = base64(args.signingKey(), "signing key");
        if (!SignatureVerifier.isValidPublicKey(SignatureAlgorithm.ED25519, signingKey)) {
            throw new ContractException("PATIENT_KEY_INVALID",
                    "signing key is not a valid 32-byte Ed25519 public key (canonical, prime-order point)");
        }
        byte[] encryptionKey = base64(args.encryptionKey(), "encryption key");
        if (encryptionKey.length != EncryptionKeyPair.KEY_SIZE) {
            throw new ContractException("PATIENT_KEY_INVALID", "encryption key is " + encryptionKey.length
                    + " bytes; a raw X25519 public key is 32");
        }
        TreeSet<String> guardians = new TreeSet<>();
        for (String g : args.guardians() == null ? List.<String>of() : args.guardians()) {
            guardians.add(guardian(ctx, patientId, g));
        }
        if (guardians.size() > MAX_GUARDIANS) {
            throw new ContractException("GUARDIAN_INVALID", "a patient may have at most " + MAX_GUARDIANS + " guardians");
        }
        Identity identity = new Identity(identityId, Identity.PATIENT_ORG, Identity.Kind.PATIENT,
                SignatureAlgorithm.ED25519.name(), signingKey, new TreeSet<>());
        ctx.state().put(StateKeys.identity(identityId), CanonicalJson.encode(IdentityRecord.of(identity, null)));
        PatientRecord patient = new PatientRecord(patientId, Base64.getEncoder().encodeToString(encryptionKey),
                signer.id(), ctx.blockTimeMillis(), new ArrayList<>(guardians));
        ctx.state().put(RecordKeys.patient(patientId), CanonicalJson.encode(patient));
        ctx.emit("PatientRegistered", new PatientRegistered(patientId, signer.id(), patient.guardians()));
    }

    private void addGuardian(ContractContext ctx, GuardianChange args) {
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        if (!PatientDirectory.isPatient(ctx.signer(), patient.patientId())) {
            throw new ContractException("NOT_PATIENT", ctx.signer().id() + " is not patient " + patient.patientId()
                    + "; only the patient's own key can add a guardian");
        }
        String guardian = guardian(ctx, patient.patientId(), args.guardian());
        if (patient.guardians().contains(guardian)) {
            throw new ContractException("GUARDIAN_EXISTS", guardian + " is already a guardian of " + patient.patientId());
        }
        if (patient.guardians().size() >= MAX_GUARDIANS) {
            throw new ContractException("GUARDIAN_INVALID", "a patient may have at most " + MAX_GUARDIANS + " guardians");
        }
        List<String> next = new ArrayList<>(patient.guardians());
        next.add(guardian);
        PatientRecord updated = patient.withGuardians(next);
        ctx.state().put(RecordKeys.patient(patient.patientId()), CanonicalJson.encode(updated));
        ctx.emit("GuardianAdded", new GuardianChanged(patient.patientId(), guardian, ctx.signer().id()));
    }

    /** The patient removes a guardian, or a guardian steps down itself. */
    private void removeGuardian(ContractContext ctx, GuardianChange args) {
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        String guardian = normalize(args.guardian());
        if (guardian == null) {
            throw new ContractException("GUARDIAN_INVALID", "name the guardian to remove");
        }
        Identity signer = ctx.signer();
        if (!PatientDirectory.isPatient(signer, patient.patientId()) && !signer.id().equals(guardian)) {
            throw new ContractException("NOT_PATIENT", signer.id() + " is not patient " + patient.patientId()
                    + "; only the patient, or the guardian itself, can remove a guardian");
        }
        if (!patient.guardians().contains(guardian)) {
            throw new ContractException("GUARDIAN_ABSENT", "'" + Identifiers.shown(guardian) + "' is not a guardian of "
                    + patient.patientId());
        }
        List<String> next = new ArrayList<>(patient.guardians());
        next.remove(guardian);
        ctx.state().put(RecordKeys.patient(patient.patientId()), CanonicalJson.encode(patient.withGuardians(next)));
        ctx.emit("GuardianRemoved", new GuardianChanged(patient.patientId(), guardian, signer.id()));
    }

    /** A guardian must be a registered patient or member, and not the patient itself. */
    private static String guardian(ContractContext ctx, String patientId, String raw) {
        String id = normalize(raw);
        if (id == null || !id.contains("/")) {
            throw new ContractException("GUARDIAN_INVALID", "guardian '" + Identifiers.shown(raw)
                    + "' must be an identity id such as patient/p-… or hospital-a/dr-lee");
        }
        if (id.equals(RecordKeys.patientIdentityId(patientId))) {
            throw new ContractException("GUARDIAN_INVALID", "patient " + patientId + " cannot be its own guardian");
        }
        Identity identity = ctx.identity(id).orElseThrow(() -> new ContractException("GUARDIAN_UNKNOWN",
                "guardian " + Identifiers.shown(id) + " is not a registered identity"));
        if (identity.kind() != Identity.Kind.PATIENT && identity.kind() != Identity.Kind.MEMBER) {
            throw new ContractException("GUARDIAN_UNKNOWN", "guardian " + id + " is a " + identity.kind()
                    + "; a guardian must be a registered patient or org member");
        }
        return id;
    }

    /** A bare pseudonym {@code p-…} means the patient identity {@code patient/p-…}. */
    private static String normalize(String raw) {
        if (raw != null && Identifiers.isPatientId(raw)) {
            return RecordKeys.patientIdentityId(raw);
        }
        return raw;
    }

    private static byte[] base64(String value, String what) {
        if (value == null) {
            throw new ContractException("PATIENT_KEY_INVALID", what + " is missing");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ContractException("PATIENT_KEY_INVALID", what + " is not base64");
        }
    }

    /** Event payload of {@code PatientRegistered}. */
    public record PatientRegistered(String patientId, String registeredBy, List<String> guardians) {}

    /** Event payload of {@code GuardianAdded} and {@code GuardianRemoved}. */
    public record GuardianChanged(String patientId, String guardian, String changedBy) {}
}
