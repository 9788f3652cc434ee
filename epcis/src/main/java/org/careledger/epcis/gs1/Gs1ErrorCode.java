package org.careledger.epcis.gs1;

import org.careledger.core.CareledgerException;

/**
 * Stable codes for rejected GS1 identifiers. The constant name is the code, so callers can match on
 * {@link CareledgerException#code()} without repeating string literals.
 */
public enum Gs1ErrorCode {
    /** A numeric key (GTIN, SSCC, GLN) has the wrong length or a non-digit. */
    GS1_MALFORMED_KEY,
    /** A numeric key's last digit is not the GS1 mod-10 check digit of the others. */
    GS1_BAD_CHECK_DIGIT,
    /** A GS1 company prefix is not 6 to 12 digits, or does not match the key it is said to belong to. */
    GS1_BAD_COMPANY_PREFIX,
    /** A serial number (AI 21) is empty, longer than 20 characters or outside GS1 character set 82. */
    GS1_BAD_SERIAL,
    /** A batch/lot number (AI 10) is empty, longer than 20 characters or outside GS1 character set 82. */
    GS1_BAD_LOT,
    /** A GLN extension (AI 254) is empty, longer than 20 characters or outside GS1 character set 82. */
    GS1_BAD_EXTENSION,
    /** A GS1 date (e.g. expiry, AI 17) is not a real YYMMDD date. */
    GS1_BAD_DATE,
    /** An EPC URI ({@code urn:epc:...}) does not follow the Tag Data Standard grammar. */
    GS1_MALFORMED_EPC,
    /** A GS1 Digital Link URI does not follow the Digital Link path grammar. */
    GS1_MALFORMED_DIGITAL_LINK,
    /** A GS1 element string ({@code (01)...(21)...}) cannot be split into application identifiers. */
    GS1_MALFORMED_ELEMENT_STRING,
    /** The text is a well-formed identifier, but of another kind than the one asked for. */
    GS1_UNEXPECTED_IDENTIFIER,
    /** An EPC URI was asked for, but the company-prefix length (which the URI encodes) is not known. */
    GS1_COMPANY_PREFIX_UNKNOWN;

    /** The exception to throw for this code; {@code message} says what was wrong, with the offending input. */
    public CareledgerException exception(String message) {
        return new CareledgerException(name(), message);
    }

    /** As {@link #exception(String)}, keeping the lower-level error that this one explains. */
    public CareledgerException exception(String message, Throwable cause) {
        return new CareledgerException(name(), message, cause);
    }

    /** True when {@code e} carries this code. */
    public boolean isCodeOf(CareledgerException e) {
        return name().equals(e.code());
    }
}
