package org.careledger.bench;

import java.security.SecureRandom;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;

/** The limit the ledger is measured against: strict Ed25519 verifications per second on one core, this machine. */
final class SignatureBaseline {
    private SignatureBaseline() {}

    /** Verifications per second of wall-clock time and per second of this thread's CPU time. */
    record Rate(double perSecond, double perCpuSecond) {}

    static double verificationsPerSecondOneCore(double seconds) {
        return measure(seconds).perSecond();
    }

    static Rate measure(double seconds) {
        Ed25519Signer signer = Ed25519Signer.generate(new SecureRandom());
        byte[] msg = new byte[180];
        new SecureRandom().nextBytes(msg);
        byte[] sig = signer.sign(msg);
        byte[] pub = signer.publicKey();
        // warm up the JIT before timing
        for (int i = 0; i < 3000; i++) {
            SignatureVerifier.verify(SignatureAlgorithm.ED25519, pub, msg, sig);
        }
        long n = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        boolean ok = true;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                ok &= SignatureVerifier.verify(SignatureAlgorithm.ED25519, pub, msg, sig);
            }
            n += 100;
        }
        if (!ok) {
            throw new IllegalStateException("baseline signature failed to verify");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Rate(n / wall, cpu > 0 ? n / cpu : n / wall);
    }
}
