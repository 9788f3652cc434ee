package org.careledger.fhir.model;

import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.codesystems.V3ActReason;

/**
 * Purpose-of-use codes are HL7 v3 ActReason codes (TREAT, ETREAT, HPAYMT, HRESCH, …), checked against HAPI's copy of
 * that code system so an export never carries a code a FHIR receiver cannot look up.
 */
public final class PurposeOfUse {

    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private PurposeOfUse() {}

    /** True if {@code code} is a v3-ActReason code (case-sensitive, as codes are). */
    public static boolean isKnown(String code) {
        return display(code) != null;
    }

    /** The code system's display for a code, or {@code null} if the code is not in it. */
    public static String display(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            V3ActReason reason = V3ActReason.fromCode(code);
            return reason == null ? null : reason.getDisplay();
        } catch (FHIRException e) {
            return null; // HAPI signals "unknown code" by exception; here it just means "not a purpose"
        }
    }
}
