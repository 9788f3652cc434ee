package org.careledger.contracts.records;

import org.careledger.core.contract.ContractException;

/**
 * Short human text that the ledger keeps (erasure reasons, break-glass reasons, review notes). It is visible to every
 * node forever, so it is bounded and single-line; clients must keep clinical detail out of it.
 */
public final class FreeText {
    private FreeText() {}

    /** Null or blank gives null; otherwise the stripped text, at most {@code maxLength} chars, no control chars. */
    public static String optional(String value, int maxLength, String code, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw new ContractException(code, what + " is " + text.length() + " characters; at most " + maxLength
                    + " are kept on the ledger");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new ContractException(code, what + " must be one line without control characters");
        }
        return text;
    }
}
