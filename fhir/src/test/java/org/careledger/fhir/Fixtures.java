package org.careledger.fhir;

import java.time.Instant;
import java.util.List;
import org.careledger.fhir.model.ConsentGrantView;
import org.careledger.fhir.model.Disclosure;

/** Ledger views used across the exporter tests. */
final class Fixtures {

    static final String TX = "3f1c9a0b7e5d4c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b";
    static final Instant AT = Instant.parse("2025-03-14T09:26:53.589Z");
    static final Instant GRANTED = Instant.parse("2025-01-01T08:00:00Z");
    static final Instant EXPIRES = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {}

    static Disclosure read(boolean granted) {
        return read(granted, "rec-0001");
    }

    static Disclosure read(boolean granted, String recordId) {
        return new Disclosure(TX, "pat-7f3a", recordId, "Observation", "hospital-a/dr-lee", "hospital-a", "TREAT",
                false, null, granted, AT, 4711L);
    }

    static Disclosure breakGlass(String purpose) {
        return new Disclosure(TX, "pat-7f3a", "rec-0002", "Condition", "hospital-b/dr-ng", "hospital-b", purpose,
                true, "unconscious patient in ER, no consent on file", true, AT, 4712L);
    }

    static ConsentGrantView grant(Instant expiresAt, Instant revokedAt) {
        return new ConsentGrantView("grant-42", "pat-7f3a", "lab-c", ConsentGrantView.ORG,
                List.of("Observation", "DiagnosticReport"), List.of("rec-0001", "rec-0003"), "TREAT", GRANTED,
                expiresAt, revokedAt);
    }
}
