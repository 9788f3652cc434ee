package org.careledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Sign/verify round trips for random messages, and no single flipped bit anywhere survives verification. */
class SignaturePropertiesTest {
    private static final Map<SignatureAlgorithm, Signer> SIGNERS = new EnumMap<>(SignatureAlgorithm.class);

    static {
        SecureRandom random = new SecureRandom();
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            SIGNERS.put(algorithm, algorithm.generateSigner(random));
        }
    }

    @Property(tries = 300)
    void signaturesVerify(@ForAll SignatureAlgorithm algorithm, @ForAll @Size(max = 1024) byte[] message) {
        Signer signer = SIGNERS.get(algorithm);
        byte[] signature = signer.sign(message);
        assertThat(SignatureVerifier.verify(algorithm, signer.publicKey(), message, signature)).isTrue();
    }

    @Property(tries = 300)
    void anyFlippedMessageBitFails(@ForAll SignatureAlgorithm algorithm,
                                   @ForAll @Size(min = 1, max = 256) byte[] message,
                                   @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int bit) {
        Signer signer = SIGNERS.get(algorithm);
        byte[] signature = signer.sign(message);
        assertThat(SignatureVerifier.verify(algorithm, signer.publicKey(), flip(message, bit), signature)).isFalse();
    }

    @Property(tries = 300)
    void anyFlippedSignatureBitFails(@ForAll SignatureAlgorithm algorithm, @ForAll @Size(max = 256) byte[] message,
                                     @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int bit) {
        Signer signer = SIGNERS.get(algorithm);
        byte[] signature = signer.sign(message);
        assertThat(SignatureVerifier.verify(algorithm, signer.publicKey(), message, flip(signature, bit))).isFalse();
    }

    @Property(tries = 300)
    void anyFlippedPublicKeyBitFails(@ForAll SignatureAlgorithm algorithm, @ForAll @Size(max = 256) byte[] message,
                                     @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int bit) {
        Signer signer = SIGNERS.get(algorithm);
        byte[] signature = signer.sign(message);
        assertThat(SignatureVerifier.verify(algorithm, flip(signer.publicKey(), bit), message, signature)).isFalse();
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        int index = bit % (copy.length * 8);
        copy[index / 8] ^= (byte) (1 << (index % 8));
        return copy;
    }
}
