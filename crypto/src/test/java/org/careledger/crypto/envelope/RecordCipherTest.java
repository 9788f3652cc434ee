package org.careledger.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.Wycheproof;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RecordCipherTest {
    private static final byte[] RECORD = "{\"resourceType\":\"Observation\",\"value\":\"HbA1c 6.1%\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "record:r-17|patient:p-42".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsWithAFreshKeyAndIvEachTime() {
        EncryptedRecord first = RecordCipher.encrypt(RECORD, AAD);
        EncryptedRecord second = RecordCipher.encrypt(RECORD, AAD);
        assertThat(first.dataKey()).hasSize(32).isNotEqualTo(second.dataKey());
        assertThat(first.ciphertext()).hasSize(12 + RECORD.length + 16).isNotEqualTo(second.ciphertext());
        assertThat(RecordCipher.decrypt(first.ciphertext(), first.dataKey(), AAD)).isEqualTo(RECORD);
        assertThat(RecordCipher.decrypt(second.ciphertext(), second.dataKey(), AAD)).isEqualTo(RECORD);
    }

    @Test
    void emptyPlaintextAndEmptyAssociatedDataWork() {
        EncryptedRecord sealed = RecordCipher.encrypt(new byte[0], new byte[0]);
        assertThat(RecordCipher.decrypt(sealed.ciphertext(), sealed.dataKey(), new byte[0])).isEmpty();
    }

    @Test
    void theFormatIsPlainGcmIvCiphertextTagAsTheJdkReadsIt() throws Exception {
        EncryptedRecord sealed = RecordCipher.encrypt(RECORD, AAD);
        byte[] ciphertext = sealed.ciphertext();
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sealed.dataKey(), "AES"),
                new GCMParameterSpec(128, ciphertext, 0, 12));
        jdk.updateAAD(AAD);
        assertThat(jdk.doFinal(ciphertext, 12, ciphertext.length - 12)).isEqualTo(RECORD);
    }

    @Test
    void everyFlippedCiphertextBitIsDetected() {
        EncryptedRecord sealed = RecordCipher.encrypt(RECORD, AAD);
        byte[] ciphertext = sealed.ciphertext();
        for (int bit = 0; bit < ciphertext.length * 8; bit++) {
            byte[] tampered = ciphertext.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertDecryptFailed(() -> RecordCipher.decrypt(tampered, sealed.dataKey(), AAD));
        }
    }

    @Test
    void wrongKeyWrongAssociatedDataOrTruncationFail() {
        EncryptedRecord sealed = RecordCipher.encrypt(RECORD, AAD);
        byte[] otherKey = sealed.dataKey();
        otherKey[31] ^= 1;
        assertDecryptFailed(() -> RecordCipher.decrypt(sealed.ciphertext(), otherKey, AAD));
        assertDecryptFailed(() -> RecordCipher.decrypt(sealed.ciphertext(), sealed.dataKey(),
                "record:r-18|patient:p-42".getBytes(StandardCharsets.UTF_8)));
        byte[] ciphertext = sealed.ciphertext();
        assertDecryptFailed(() -> RecordCipher.decrypt(Arrays.copyOf(ciphertext, ciphertext.length - 1),
                sealed.dataKey(), AAD));
        assertDecryptFailed(() -> RecordCipher.decrypt(new byte[27], sealed.dataKey(), AAD));
        assertDecryptFailed(() -> RecordCipher.decrypt(new byte[0], sealed.dataKey(), AAD));
    }

    @Test
    void keysOfTheWrongSizeAreRejectedAsKeys() {
        EncryptedRecord sealed = RecordCipher.encrypt(RECORD, AAD);
        for (byte[] key : new byte[][] {new byte[16], new byte[24], new byte[33], null}) {
            assertThatThrownBy(() -> RecordCipher.decrypt(sealed.ciphertext(), key, AAD))
                    .isInstanceOfSatisfying(CareledgerException.class,
                            e -> assertThat(e.code()).isEqualTo(CryptoErrors.RECORD_KEY_INVALID));
        }
    }

    @Test
    void theDataKeyNeverAppearsInToString() {
        EncryptedRecord sealed = RecordCipher.encrypt(RECORD, AAD);
        assertThat(sealed.toString()).contains("redacted").doesNotContain(Arrays.toString(sealed.dataKey()));
        assertThat(sealed).isEqualTo(new EncryptedRecord(sealed.ciphertext(), sealed.dataKey()));
    }

    /**
     * Wycheproof AES-GCM through {@link RecordCipher#decrypt}, i.e. through the very Tink primitive that seals
     * records: the 256-bit-key, 96-bit-IV, 128-bit-tag groups, the only shape careledger uses. A vector's IV, ciphertext
     * and tag are concatenated into Tink's format; "valid" must decrypt to the message, "invalid" must be refused.
     */
    @TestFactory
    Stream<DynamicTest> wycheproofAesGcm256() {
        return Wycheproof.vectors("aes_gcm_test.json").stream()
                .filter(v -> v.group().get("keySize").asInt() == 256 && v.group().get("ivSize").asInt() == 96
                        && v.group().get("tagSize").asInt() == 128)
                .map(v -> dynamicTest(v.displayName(), () -> {
                    byte[] iv = v.hex("iv");
                    byte[] ct = v.hex("ct");
                    byte[] tag = v.hex("tag");
                    byte[] sealed = new byte[iv.length + ct.length + tag.length];
                    System.arraycopy(iv, 0, sealed, 0, iv.length);
                    System.arraycopy(ct, 0, sealed, iv.length, ct.length);
                    System.arraycopy(tag, 0, sealed, iv.length + ct.length, tag.length);
                    switch (v.result()) {
                        case "valid" -> assertThat(RecordCipher.decrypt(sealed, v.hex("key"), v.hex("aad")))
                                .isEqualTo(v.hex("msg"));
                        case "invalid", "acceptable" ->
                                assertDecryptFailed(() -> RecordCipher.decrypt(sealed, v.hex("key"), v.hex("aad")));
                        default -> throw new IllegalStateException("unknown result " + v.result());
                    }
                }));
    }

    static void assertDecryptFailed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class, e -> {
            assertThat(e.code()).isEqualTo(CryptoErrors.RECORD_DECRYPT_FAILED);
            assertThat(e.getMessage()).isEqualTo("ciphertext or key was tampered with: GCM tag mismatch");
        });
    }
}
