package org.careledger.core;

/**
 * Every rejection in careledger: a stable machine code (e.g. {@code TX_SIGNATURE_INVALID}) and a sentence for a
 * person. The API maps codes to HTTP statuses; the CLI prints "CODE: sentence".
 */
public class CareledgerException extends RuntimeException {
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*");
    private final String code;

    public CareledgerException(String code, String message) {
        super(message);
        this.code = requireCode(code);
    }

    public CareledgerException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireCode(code);
    }

    private static String requireCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("error codes are UPPER_SNAKE_CASE: " + code);
        }
        return code;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
