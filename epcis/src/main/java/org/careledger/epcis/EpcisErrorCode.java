package org.careledger.epcis;

import org.careledger.core.CareledgerException;

/**
 * Stable codes for rejected EPCIS input. Document-level codes are thrown by {@link EpcisDocumentReader}; the
 * event-level ones (and the GS1 codes of bad identifiers) appear in {@link EpcisEventResult.Failed}.
 */
public enum EpcisErrorCode {
    /** The bytes are not one well-formed JSON value (syntax error, duplicate key, trailing data). */
    EPCIS_MALFORMED_JSON,
    /** The JSON is not an EPCISDocument, an EPCISQueryDocument, an event or an array of events. */
    EPCIS_UNKNOWN_DOCUMENT_TYPE,
    /** The document declares a schemaVersion other than 2.x; EPCIS 1.x JSON has another shape. */
    EPCIS_UNSUPPORTED_SCHEMA_VERSION,
    /** The document lacks epcisBody.eventList (or queryResults.resultsBody.eventList for a query document). */
    EPCIS_MISSING_EVENT_LIST,
    /** An event's type is not ObjectEvent, AggregationEvent or TransformationEvent. */
    EPCIS_UNSUPPORTED_EVENT_TYPE,
    /** A field the standard requires for this event is absent. */
    EPCIS_MISSING_FIELD,
    /** A field has the wrong JSON type or a value outside its vocabulary or format. */
    EPCIS_BAD_FIELD,
    /** A time is not an RFC 3339 date-time with an offset, or a time-zone offset is not ±HH:MM within ±14:00. */
    EPCIS_BAD_TIME;

    public CareledgerException exception(String message) {
        return new CareledgerException(name(), message);
    }

    /** As {@link #exception(String)}, keeping the lower-level error that this one explains. */
    public CareledgerException exception(String message, Throwable cause) {
        return new CareledgerException(name(), message, cause);
    }

    public boolean isCodeOf(CareledgerException e) {
        return name().equals(e.code());
    }
}
