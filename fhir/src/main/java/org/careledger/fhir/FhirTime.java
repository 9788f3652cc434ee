package org.careledger.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * Ledger instants as FHIR times, always in UTC with millisecond precision. HAPI otherwise renders times in the JVM's
 * default zone, and two nodes in different zones would then export the same event as different bytes.
 */
final class FhirTime {

    private FhirTime() {}

    static InstantType instant(Instant at) {
        InstantType t = new InstantType(Date.from(at));
        t.setTimeZoneZulu(true);
        return t;
    }

    static DateTimeType dateTime(Instant at) {
        DateTimeType t = new DateTimeType(Date.from(at));
        t.setPrecision(TemporalPrecisionEnum.MILLI);
        t.setTimeZoneZulu(true);
        return t;
    }
}
