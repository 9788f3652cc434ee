package org.careledger.crypto.x509;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;

/**
 * A certificate's validity window, both ends inclusive as in RFC 5280. X.509 times have whole seconds, so both ends
 * are truncated to the second here; what the caller holds is then exactly what the certificate will say.
 */
public record Validity(Instant notBefore, Instant notAfter) {
    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!notBefore.isBefore(notAfter)) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID,
                    "validity must start before it ends: notBefore " + notBefore + ", notAfter " + notAfter);
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }

    public boolean encloses(Validity other) {
        return !other.notBefore.isBefore(notBefore) && !other.notAfter.isAfter(notAfter);
    }
}
