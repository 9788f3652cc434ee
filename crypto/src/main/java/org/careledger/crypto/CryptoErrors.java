package org.careledger.crypto;

/**
 * The stable error codes the crypto module puts in {@link org.careledger.core.CareledgerException}s. They are part of
 * the public contract: the API maps them to HTTP statuses and scripts match on them, so never rename one.
 */
public final class CryptoErrors {
    /** An algorithm id that careledger does not sign or verify with. */
    public static final String SIGNATURE_ALGORITHM_UNSUPPORTED = "SIGNATURE_ALGORITHM_UNSUPPORTED";
    /** A public key that is not a canonical, valid key of its algorithm. */
    public static final String PUBLIC_KEY_INVALID = "PUBLIC_KEY_INVALID";
    /** A private key (seed or scalar) of the wrong size or out of range. */
    public static final String PRIVATE_KEY_INVALID = "PRIVATE_KEY_INVALID";
    /** PKCS#8 bytes that do not hold an Ed25519 or P-256 private key. */
    public static final String KEY_MALFORMED = "KEY_MALFORMED";
    /** A {@link Signer} implementation whose private key careledger cannot export (e.g. held in an HSM). */
    public static final String KEY_NOT_EXPORTABLE = "KEY_NOT_EXPORTABLE";

    /** Text that is not the PEM block we expected. */
    public static final String PEM_MALFORMED = "PEM_MALFORMED";
    /** Certificate bytes that do not parse, or lack the subject fields careledger relies on. */
    public static final String CERT_MALFORMED = "CERT_MALFORMED";
    /** A certificate request with a bad name, role list or validity. */
    public static final String CERT_REQUEST_INVALID = "CERT_REQUEST_INVALID";
    /** A CA certificate and a signing key that do not belong together. */
    public static final String CA_KEY_MISMATCH = "CA_KEY_MISMATCH";
    /** The leaf's signature does not verify under the CA's key, or its issuer is another name. */
    public static final String CERT_NOT_SIGNED_BY_CA = "CERT_NOT_SIGNED_BY_CA";
    /** The CA certificate's self-signature does not verify. */
    public static final String CERT_CA_NOT_SELF_SIGNED = "CERT_CA_NOT_SELF_SIGNED";
    /** The certificate's notAfter is before the time of the check. */
    public static final String CERT_EXPIRED = "CERT_EXPIRED";
    /** The certificate's notBefore is after the time of the check. */
    public static final String CERT_NOT_YET_VALID = "CERT_NOT_YET_VALID";
    /** The would-be CA certificate lacks basicConstraints cA=true or keyUsage keyCertSign. */
    public static final String CERT_NOT_A_CA = "CERT_NOT_A_CA";
    /** A leaf that claims to be a CA or lacks keyUsage digitalSignature. */
    public static final String CERT_KEY_USAGE_INVALID = "CERT_KEY_USAGE_INVALID";
    /** A critical extension careledger does not understand, so must not ignore (RFC 5280 §4.2). */
    public static final String CERT_UNSUPPORTED_CRITICAL_EXTENSION = "CERT_UNSUPPORTED_CRITICAL_EXTENSION";
    /** The leaf's organization (O) differs from its CA's. */
    public static final String CERT_ORG_MISMATCH = "CERT_ORG_MISMATCH";

    /** No file at the key path. */
    public static final String KEY_FILE_NOT_FOUND = "KEY_FILE_NOT_FOUND";
    /** The key file exists but cannot be read. */
    public static final String KEY_FILE_UNREADABLE = "KEY_FILE_UNREADABLE";
    /** The key file does not hold a PEM PKCS#8 Ed25519 or P-256 key. */
    public static final String KEY_FILE_MALFORMED = "KEY_FILE_MALFORMED";
    /** Refusing to overwrite an existing key file. */
    public static final String KEY_FILE_EXISTS = "KEY_FILE_EXISTS";
    /** The key file could not be created or written. */
    public static final String KEY_FILE_UNWRITABLE = "KEY_FILE_UNWRITABLE";

    /** A data key that is not a 32-byte AES-256 key. */
    public static final String RECORD_KEY_INVALID = "RECORD_KEY_INVALID";
    /** Record encryption failed inside the AEAD. */
    public static final String RECORD_ENCRYPT_FAILED = "RECORD_ENCRYPT_FAILED";
    /** The GCM tag did not verify: wrong key, wrong associated data, or tampered ciphertext. */
    public static final String RECORD_DECRYPT_FAILED = "RECORD_DECRYPT_FAILED";
    /** An X25519 key that is not 32 bytes, or a key pair whose halves do not match. */
    public static final String ENCRYPTION_KEY_INVALID = "ENCRYPTION_KEY_INVALID";
    /** HPKE could not wrap a data key for the recipient. */
    public static final String KEY_WRAP_FAILED = "KEY_WRAP_FAILED";
    /** HPKE could not unwrap: not for this recipient, other context, or tampered. */
    public static final String KEY_UNWRAP_FAILED = "KEY_UNWRAP_FAILED";

    private CryptoErrors() {
    }
}
