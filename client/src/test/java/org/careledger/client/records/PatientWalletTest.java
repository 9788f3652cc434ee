package org.careledger.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientWalletTest {
    @Test
    void aWalletRoundTripsThroughItsDirectory(@TempDir Path dir) {
        PatientWallet w = PatientWallet.create(dir.resolve("w"), "chain", new SecureRandom());
        PatientWallet again = PatientWallet.open(dir.resolve("w"));
        assertThat(again.patientId()).isEqualTo(w.patientId()).matches("p-[a-z0-9]{6,40}");
        assertThat(again.encryptionKey()).isEqualTo(w.encryptionKey());
        assertThat(again.signingKey().publicKey()).isEqualTo(w.signingKey().publicKey());
        assertThatThrownBy(() -> PatientWallet.create(dir.resolve("w"), "chain", new SecureRandom()))
                .isInstanceOf(CareledgerException.class);
    }
}
