package org.careledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Wycheproof signature vector through {@link SignatureVerifier}: "valid" must verify, "invalid" must not.
 * The shipped files contain no "acceptable" vectors; should a newer file add some, the policy is to reject them
 * (careledger is strict wherever Wycheproof allows a choice), and {@link #expectation} encodes exactly that.
 */
class SignatureVerifierWycheproofTest {

    @TestFactory
    Stream<DynamicTest> ed25519() {
        return Wycheproof.vectors("ed25519_test.json").stream().map(v -> dynamicTest(v.displayName(), () -> {
            byte[] publicKey = Wycheproof.hex(v.group().get("publicKey").get("pk"));
            boolean verified = SignatureVerifier.verify(SignatureAlgorithm.ED25519, publicKey, v.hex("msg"),
                    v.hex("sig"));
            assertThat(verified).as(v.displayName()).isEqualTo(expectation(v));
        }));
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP256Der() {
        return Wycheproof.vectors("ecdsa_secp256r1_sha256_test.json").stream()
                .map(v -> dynamicTest(v.displayName(), () -> {
                    byte[] publicKey = Wycheproof.hex(v.group().get("publicKeyDer"));
                    boolean verified = SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, publicKey,
                            v.hex("msg"), v.hex("sig"));
                    assertThat(verified).as(v.displayName()).isEqualTo(expectation(v));
                }));
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP256P1363() {
        return Wycheproof.vectors("ecdsa_secp256r1_sha256_p1363_test.json").stream()
                .map(v -> dynamicTest(v.displayName(), () -> {
                    byte[] publicKey = Wycheproof.hex(v.group().get("publicKeyDer"));
                    boolean verified = SignatureVerifier.verifyP1363(SignatureAlgorithm.ECDSA_P256, publicKey,
                            v.hex("msg"), v.hex("sig"));
                    assertThat(verified).as(v.displayName()).isEqualTo(expectation(v));
                }));
    }

    @Test
    void everyGroupKeyIsAValidVerificationKey() {
        for (String file : List.of("ecdsa_secp256r1_sha256_test.json", "ecdsa_secp256r1_sha256_p1363_test.json")) {
            Wycheproof.vectors(file).forEach(v -> assertThat(SignatureVerifier.isValidPublicKey(
                    SignatureAlgorithm.ECDSA_P256, Wycheproof.hex(v.group().get("publicKeyDer")))).isTrue());
        }
    }

    private static boolean expectation(Wycheproof.Vector v) {
        return switch (v.result()) {
            case "valid" -> true;
            case "invalid", "acceptable" -> false;
            default -> throw new IllegalStateException("unknown Wycheproof result " + v.result());
        };
    }
}
