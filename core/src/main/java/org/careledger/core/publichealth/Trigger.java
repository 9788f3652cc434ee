package org.careledger.core.publichealth;

/**
 * One reportable code: a SNOMED CT condition or a LOINC result, and the reportable condition it reports.
 *
 * @param system    {@link TriggerList#SNOMED} or {@link TriggerList#LOINC}
 * @param code      the code in that system
 * @param condition the reportable condition's id, e.g. {@code covid-19}
 */
public record Trigger(String system, String code, String condition) {
    /** {@code system|code}. */
    public String key() {
        return system + "|" + code;
    }
}
