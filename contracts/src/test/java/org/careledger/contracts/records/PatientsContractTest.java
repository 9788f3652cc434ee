package org.careledger.contracts.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientsContractTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;

    @Test
    void aProviderRegistersAPatientWhoCanThenSignAsItself() {
        FakeLedger.Outcome o = ledger.ok(w.patients, w.drLee, "registerPatient", w.registration("p-abc123"));

        IdentityRecord id = ledger.read("id/patient/p-abc123", IdentityRecord.class);
        assertThat(id.id()).isEqualTo("patient/p-abc123");
        assertThat(id.org()).isEqualTo("patient");
        assertThat(id.kind()).isEqualTo(Identity.Kind.PATIENT);
        assertThat(id.algorithm()).isEqualTo("ED25519");
        assertThat(id.publicKey()).isEqualTo(CareWorld.signingKey("p-abc123"));
        assertThat(id.certificatePem()).isNull();
        assertThat(id.roles()).isEmpty();

        PatientRecord p = ledger.read("patient/p-abc123", PatientRecord.class);
        assertThat(p).isEqualTo(new PatientRecord("p-abc123", CareWorld.encryptionKey("p-abc123"),
                "hospital-a/dr-lee", ledger.time(), List.of()));
        assertThat(o.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("PatientRegistered");
            assertThat(e.json()).isEqualTo("{\"guardians\":[],\"patientId\":\"p-abc123\",\"registeredBy\":\"hospital-a/dr-lee\"}");
        });
    }

    @Test
    void labMembersAndProviderAdminsMayRegister() {
        ledger.ok(w.patients, w.labTech, "registerPatient", w.registration("p-lab0001"));
        ledger.ok(w.patients, w.adminB, "registerPatient", w.registration("p-hosb001"));
        assertThat(ledger.keys("patient/")).containsExactly("patient/p-hosb001", "patient/p-lab0001");
    }

    @Test
    void onlyHospitalOrLabStaffMayRegister() {
        Identity patient = w.patient("p-first01");
        for (Identity signer : List.of(w.pharmacist, w.adminPharmacy, patient)) {
            assertThat(ledger.run(w.patients, signer, "registerPatient", w.registration("p-second1")).code())
                    .as(signer.id()).isEqualTo("NOT_A_PROVIDER");
        }
        assertThat(ledger.has("patient/p-second1")).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"p-abc", "P-ABCDEF", "p-ABCDEF", "patient-123456", "p-abc/def", "p-abcdef-1",
            "p-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void patientIdsArePseudonymsOfOneShape(String patientId) {
        RegisterPatient args = new RegisterPatient(patientId, CareWorld.signingKey("x"), CareWorld.encryptionKey("x"), null);
        assertThat(ledger.run(w.patients, w.drLee, "registerPatient", args).code()).isEqualTo("PATIENT_ID_INVALID");
    }

    @Test
    void aPatientIsRegisteredOnce() {
        w.patient("p-abc123");
        assertThat(ledger.run(w.patients, w.drNg, "registerPatient", w.registration("p-abc123")).code())
                .isEqualTo("PATIENT_EXISTS");
    }

    @Test
    void keysMustBeUsable() {
        String ok = CareWorld.signingKey("k");
        String enc = CareWorld.encryptionKey("k");
        byte[] identityPoint = new byte[32];
        identityPoint[0] = 1; // the neutral element: small order, never a valid key
        List<RegisterPatient> bad = List.of(
                new RegisterPatient("p-key0001", "not base64!", enc, null),
                new RegisterPatient("p-key0001", Base64.getEncoder().encodeToString(new byte[31]), enc, null),
                new RegisterPatient("p-key0001", Base64.getEncoder().encodeToString(identityPoint), enc, null),
                new RegisterPatient("p-key0001", null, enc, null),
                new RegisterPatient("p-key0001", ok, Base64.getEncoder().encodeToString(new byte[33]), null),
                new RegisterPatient("p-key0001", ok, "***", null),
                new RegisterPatient("p-key0001", ok, null, null));
        for (RegisterPatient args : bad) {
            assertThat(ledger.run(w.patients, w.drLee, "registerPatient", args).code())
                    .as(args.toString()).isEqualTo("PATIENT_KEY_INVALID");
        }
    }

    @Test
    void guardiansAreRegisteredPatientsOrMembersStoredAsIdentityIds() {
        w.patient("p-mother1");
        ledger.ok(w.patients, w.drLee, "registerPatient", w.registration("p-child01", "p-mother1", "hospital-a/nurse-kim"));
        assertThat(ledger.read("patient/p-child01", PatientRecord.class).guardians())
                .containsExactly("hospital-a/nurse-kim", "patient/p-mother1");
    }

    @Test
    void guardiansMustExistAndBeOthers() {
        assertThat(ledger.run(w.patients, w.drLee, "registerPatient", w.registration("p-child01", "p-nobody1")).code())
                .isEqualTo("GUARDIAN_UNKNOWN");
        assertThat(ledger.run(w.patients, w.drLee, "registerPatient", w.registration("p-child01", "hospital-a/admin")).code())
                .isEqualTo("GUARDIAN_UNKNOWN");
        assertThat(ledger.run(w.patients, w.drLee, "registerPatient", w.registration("p-child01", "dr-lee")).code())
                .isEqualTo("GUARDIAN_INVALID");
        assertThat(ledger.run(w.patients, w.drLee, "registerPatient", w.registration("p-child01", "p-child01")).code())
                .isEqualTo("GUARDIAN_INVALID");
    }

    @Test
    void thePatientAddsAndRemovesGuardians() {
        Identity child = w.patient("p-child01");
        Identity mother = w.patient("p-mother1");
        FakeLedger.Outcome added = ledger.ok(w.patients, child, "addGuardian", new GuardianChange("p-child01", "patient/p-mother1"));
        assertThat(added.events()).extracting(FakeLedger.Event::type).containsExactly("GuardianAdded");
        assertThat(ledger.run(w.patients, child, "addGuardian", new GuardianChange("p-child01", "p-mother1")).code())
                .isEqualTo("GUARDIAN_EXISTS");
        assertThat(ledger.run(w.patients, mother, "addGuardian", new GuardianChange("p-child01", "hospital-a/dr-lee")).code())
                .as("a guardian cannot add guardians").isEqualTo("NOT_PATIENT");
        assertThat(ledger.run(w.patients, w.drLee, "addGuardian", new GuardianChange("p-child01", "hospital-a/dr-lee")).code())
                .isEqualTo("NOT_PATIENT");
        assertThat(ledger.run(w.patients, child, "addGuardian", new GuardianChange("p-nobody1", "p-mother1")).code())
                .isEqualTo("PATIENT_UNKNOWN");
        assertThat(ledger.run(w.patients, child, "addGuardian", new GuardianChange("p-child01", "p-child01")).code())
                .isEqualTo("GUARDIAN_INVALID");

        assertThat(ledger.run(w.patients, w.drLee, "removeGuardian", new GuardianChange("p-child01", "p-mother1")).code())
                .isEqualTo("NOT_PATIENT");
        FakeLedger.Outcome removed = ledger.ok(w.patients, child, "removeGuardian", new GuardianChange("p-child01", "p-mother1"));
        assertThat(removed.events()).extracting(FakeLedger.Event::type).containsExactly("GuardianRemoved");
        assertThat(ledger.read("patient/p-child01", PatientRecord.class).guardians()).isEmpty();
        assertThat(ledger.run(w.patients, child, "removeGuardian", new GuardianChange("p-child01", "p-mother1")).code())
                .isEqualTo("GUARDIAN_ABSENT");
        assertThat(ledger.run(w.patients, child, "removeGuardian", new GuardianChange("p-child01", null)).code())
                .isEqualTo("GUARDIAN_INVALID");
        assertThat(ledger.run(w.patients, child, "addGuardian", new GuardianChange("p-child01", null)).code())
                .isEqualTo("GUARDIAN_INVALID");
    }

    @Test
    void aGuardianMayStepDown() {
        w.patient("p-child01", "hospital-a/nurse-kim");
        ledger.ok(w.patients, w.nurseKim, "removeGuardian", new GuardianChange("p-child01", "hospital-a/nurse-kim"));
        assertThat(ledger.read("patient/p-child01", PatientRecord.class).guardians()).isEmpty();
    }

    @Test
    void atMostEightGuardians() {
        Identity child = w.patient("p-child01");
        for (int i = 0; i < PatientsContract.MAX_GUARDIANS; i++) {
            w.patient("p-guard00" + i);
            ledger.ok(w.patients, child, "addGuardian", new GuardianChange("p-child01", "p-guard00" + i));
        }
        w.patient("p-guard009");
        assertThat(ledger.run(w.patients, child, "addGuardian", new GuardianChange("p-child01", "p-guard009")).code())
                .isEqualTo("GUARDIAN_INVALID");
    }

    @Test
    void unknownMethodsAndMalformedArgumentsAreRefused() {
        assertThat(ledger.run(w.patients, w.drLee, "deletePatient", w.registration("p-abc123")).code())
                .isEqualTo("METHOD_UNKNOWN");
        assertThat(ledger.runRaw(w.patients, w.drLee, "registerPatient", "{not json".getBytes(StandardCharsets.UTF_8)).code())
                .isEqualTo("ARGS_INVALID");
    }
}
