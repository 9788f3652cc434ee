package org.careledger.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.careledger.core.Hash;
import org.careledger.core.merkle.InMemoryMerkleNodeStore;
import org.careledger.core.merkle.MerkleLog;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The primitives every transaction pays for: signature checks, hashing, Merkle appends. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CryptoBenchmarks {
    private byte[] message;
    private byte[] edPublic;
    private byte[] edSignature;
    private byte[] ecPublic;
    private byte[] ecSignature;
    private MerkleLog log;
    private byte[] leaf;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        message = new byte[180];
        random.nextBytes(message);
        Ed25519Signer ed = Ed25519Signer.generate(random);
        edPublic = ed.publicKey();
        edSignature = ed.sign(message);
        EcdsaP256Signer ec = EcdsaP256Signer.generate(random);
        ecPublic = ec.publicKey();
        ecSignature = ec.sign(message);
        log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        leaf = Hash.sha256(message).bytes();
    }

    @Benchmark
    public boolean ed25519Verify() {
        return SignatureVerifier.verify(SignatureAlgorithm.ED25519, edPublic, message, edSignature);
    }

    @Benchmark
    public boolean ecdsaP256Verify() {
        return SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, ecPublic, message, ecSignature);
    }

    @Benchmark
    public Hash sha256() {
        return Hash.sha256(message);
    }

    @Benchmark
    public byte[] merkleAppend() {
        return log.append(leaf);
    }
}
