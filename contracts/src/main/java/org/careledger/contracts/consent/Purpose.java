package org.careledger.contracts.consent;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.careledger.core.contract.ContractException;

/** Purposes of use a grant or a read may name: HL7 v3 ActReason codes (case-sensitive, as codes are). */
public enum Purpose {
    /** treatment */
    TREAT,
    /** emergency treatment */
    ETREAT,
    /** healthcare payment */
    HPAYMT,
    /** healthcare research */
    HRESCH,
    /** public health */
    PUBHLTH,
    /** healthcare operations */
    HOPERAT;

    /**
     * Whether this is treatment (TREAT or ETREAT), the only purposes break-glass serves: HIPAA lets a provider
     * disclose without authorization for treatment (45 CFR 164.506), not for payment, operations or research.
     */
    public boolean isTreatment() {
        return this == TREAT || this == ETREAT;
    }

    /** The purpose for a code, or PURPOSE_INVALID. */
    public static Purpose parse(String code) {
        for (Purpose p : values()) {
            if (p.name().equals(code)) {
                return p;
            }
        }
        throw new ContractException("PURPOSE_INVALID", "purpose '" + (code == null ? "null" : code)
                + "' is not one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
