package org.careledger.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.crypto.hpke.HPKE;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.junit.jupiter.api.Test;

class KeyWrapTest {
    private static final byte[] CONTEXT = "careledger/record-key/v1|record:r-17".getBytes(StandardCharsets.UTF_8);

    @Test
    void theFullEnvelopeFlowWorksForEachReader() {
        byte[] record = "blood panel".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "record:r-17".getBytes(StandardCharsets.UTF_8);
        EncryptedRecord sealed = RecordCipher.encrypt(record, aad);
        EncryptionKeyPair patient = EncryptionKeyPair.generate();
        EncryptionKeyPair doctor = EncryptionKeyPair.generate();

        byte[] forPatient = KeyWrap.wrap(sealed.dataKey(), patient.publicKey(), CONTEXT);
        byte[] forDoctor = KeyWrap.wrap(sealed.dataKey(), doctor.publicKey(), CONTEXT);
        assertThat(forPatient).hasSize(32 + 32 + 16).isNotEqualTo(forDoctor);

        for (var reader : new Object[][] {{patient, forPatient}, {doctor, forDoctor}}) {
            byte[] dataKey = KeyWrap.unwrap((byte[]) reader[1], (EncryptionKeyPair) reader[0], CONTEXT);
            assertThat(RecordCipher.decrypt(sealed.ciphertext(), dataKey, aad)).isEqualTo(record);
        }
    }

    @Test
    void onlyTheRecipientInTheSameContextCanUnwrap() {
        byte[] dataKey = RecordCipher.encrypt(new byte[1], new byte[0]).dataKey();
        EncryptionKeyPair patient = EncryptionKeyPair.generate();
        byte[] wrapped = KeyWrap.wrap(dataKey, patient.publicKey(), CONTEXT);
        assertUnwrapFailed(() -> KeyWrap.unwrap(wrapped, EncryptionKeyPair.generate(), CONTEXT));
        assertUnwrapFailed(() -> KeyWrap.unwrap(wrapped, patient,
                "careledger/record-key/v1|record:r-18".getBytes(StandardCharsets.UTF_8)));
        assertUnwrapFailed(() -> KeyWrap.unwrap(Arrays.copyOf(wrapped, 40), patient, CONTEXT));
        assertUnwrapFailed(() -> KeyWrap.unwrap(new byte[0], patient, CONTEXT));
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x01;
            assertUnwrapFailed(() -> KeyWrap.unwrap(tampered, patient, CONTEXT));
        }
        assertThat(KeyWrap.unwrap(wrapped, patient, CONTEXT)).isEqualTo(dataKey);
    }

    @Test
    void badRecipientKeysAndDataKeysAreRefusedBeforeWrapping() {
        byte[] dataKey = RecordCipher.encrypt(new byte[1], new byte[0]).dataKey();
        assertCode(CryptoErrors.ENCRYPTION_KEY_INVALID, () -> KeyWrap.wrap(dataKey, new byte[31], CONTEXT));
        assertCode(CryptoErrors.ENCRYPTION_KEY_INVALID, () -> KeyWrap.wrap(dataKey, null, CONTEXT));
        // u = 0 and u = 1 are low-order points: the shared secret would be all zeros (RFC 7748 §6.1, RFC 9180 §7.1.4).
        assertCode(CryptoErrors.ENCRYPTION_KEY_INVALID, () -> KeyWrap.wrap(dataKey, new byte[32], CONTEXT));
        byte[] one = new byte[32];
        one[0] = 1;
        assertCode(CryptoErrors.ENCRYPTION_KEY_INVALID, () -> KeyWrap.wrap(dataKey, one, CONTEXT));
        assertCode(CryptoErrors.RECORD_KEY_INVALID,
                () -> KeyWrap.wrap(new byte[16], EncryptionKeyPair.generate().publicKey(), CONTEXT));
    }

    @Test
    void keyPairsAreCheckedAndRebuiltFromThePrivateKey() {
        EncryptionKeyPair pair = EncryptionKeyPair.generate();
        assertThat(EncryptionKeyPair.fromPrivateKey(pair.privateKey())).isEqualTo(pair);
        assertThat(pair.toString()).contains("redacted")
                .doesNotContain(HexFormat.of().formatHex(pair.privateKey()));
        EncryptionKeyPair other = EncryptionKeyPair.generate();
        assertCode(CryptoErrors.ENCRYPTION_KEY_INVALID,
                () -> new EncryptionKeyPair(other.publicKey(), pair.privateKey()));
        assertCode(CryptoErrors.ENCRYPTION_KEY_INVALID, () -> EncryptionKeyPair.fromPrivateKey(new byte[16]));
    }

    /** Tink opens what {@link KeyWrap#wrap} (BouncyCastle's HPKE) seals, and BouncyCastle what Tink sealed. */
    @Test
    void interoperatesWithAnotherHpkeImplementation() throws Exception {
        EncryptionKeyPair recipient = EncryptionKeyPair.generate();
        byte[] dataKey = RecordCipher.encrypt(new byte[1], new byte[0]).dataKey();
        for (int i = 0; i < 20; i++) { // KeyWrap.unwrap is Tink's HybridDecrypt
            assertThat(KeyWrap.unwrap(KeyWrap.wrap(dataKey, recipient.publicKey(), CONTEXT), recipient, CONTEXT))
                    .isEqualTo(dataKey);
        }
        byte[] wrapped = KeyWrap.wrapWithTink(dataKey, recipient.publicKey(), CONTEXT);
        assertThat(wrapped).hasSize(KeyWrap.wrap(dataKey, recipient.publicKey(), CONTEXT).length);

        HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
        byte[] enc = Arrays.copyOf(wrapped, hpke.getEncSize());
        byte[] ciphertext = Arrays.copyOfRange(wrapped, hpke.getEncSize(), wrapped.length);
        byte[] opened = hpke.open(enc, hpke.deserializePrivateKey(recipient.privateKey(), recipient.publicKey()),
                CONTEXT, new byte[0], ciphertext, null, null, null);
        assertThat(opened).isEqualTo(dataKey);
    }

    private static void assertUnwrapFailed(ThrowingCallable call) {
        assertCode(CryptoErrors.KEY_UNWRAP_FAILED, call);
    }

    private static void assertCode(String code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
