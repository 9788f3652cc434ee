package org.careledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.careledger.core.CareledgerException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file, the request log's path shapes and how an import's target patient is found. */
class GatewayPartsTest {
    private static final String TOKEN = "t0ken-" + "x".repeat(40);

    @Test
    void theTokenFileMustBeTheOwnersAlone(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        GatewayToken token = GatewayToken.read(file);
        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + "y")).isFalse();
        assertThat(token.matches(TOKEN.substring(1))).isFalse();
        assertThat(token.matches(null)).isFalse();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> GatewayToken.read(file)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("GATEWAY_TOKEN_INSECURE"));
        assertThatThrownBy(() -> GatewayToken.of("short")).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("GATEWAY_TOKEN_INVALID"));
    }

    @Test
    void theRequestLogShowsNoIds() {
        assertThat(BearerAuth.shape("/fhir/Patient/p-1234abcd/$everything")).isEqualTo("/fhir/Patient/{id}/$everything");
        assertThat(BearerAuth.shape("/fhir/Observation/r-0123456789abcdef")).isEqualTo("/fhir/Observation/{id}");
        assertThat(BearerAuth.shape("/fhir/metadata")).isEqualTo("/fhir/metadata");
        assertThat(BearerAuth.shape("/fhir/John%20Smith")).isEqualTo("/fhir/{id}");
        assertThat(BearerAuth.shape("/fhir")).isEqualTo("/fhir");
    }

    @Test
    void theTargetPatientIsTheHeaderOrThePatientsCareledgerIdentifier() {
        Bundle plain = bundle(null);
        Bundle named = bundle("p-abcdef01");
        assertThat(ImportProvider.targetPatient(plain, "p-abcdef01")).isEqualTo("p-abcdef01");
        assertThat(ImportProvider.targetPatient(named, null)).isEqualTo("p-abcdef01");
        assertThat(ImportProvider.targetPatient(named, "p-abcdef01")).isEqualTo("p-abcdef01");
        assertThatThrownBy(() -> ImportProvider.targetPatient(named, "p-other001"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("GATEWAY_PATIENT_CONFLICT"));
        assertThatThrownBy(() -> ImportProvider.targetPatient(plain, " "))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("GATEWAY_PATIENT_REQUIRED"));
    }

    private static Bundle bundle(String ledgerId) {
        Patient p = new Patient();
        p.setId("pat-1");
        if (ledgerId != null) {
            p.addIdentifier().setSystem(GatewayHeaders.PATIENT_ID_SYSTEM).setValue(ledgerId);
        }
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        b.addEntry().setFullUrl("urn:uuid:pat-1").setResource(p);
        b.addEntry().setFullUrl("urn:uuid:obs-1").setResource(new Observation());
        return b;
    }
}
