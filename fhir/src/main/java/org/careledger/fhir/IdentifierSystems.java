package org.careledger.fhir;

/**
 * The identifier namespaces careledger writes into FHIR exports. They are names, not web pages; what matters is
 * that they never change, because receivers match identifiers by (system, value) across exports.
 */
public final class IdentifierSystems {

    private static final String BASE = "https://careledger.org/fhir/sid/";

    /** A patient's pseudonym on the ledger (never a real-world identifier such as an MRN). */
    public static final String PATIENT = BASE + "patient-pseudonym";
    /** A ledger record, i.e. one stored FHIR resource. */
    public static final String RECORD = BASE + "record";
    /** A member (practitioner, staff) of a consortium organization. */
    public static final String MEMBER = BASE + "member";
    /** A consortium organization. */
    public static final String ORGANIZATION = BASE + "organization";
    /** A ledger transaction id (SHA-256 of the signed payload, hex). */
    public static final String LEDGER_TX = BASE + "ledger-tx";
    /** A ledger network, i.e. the chain an export came from. */
    public static final String LEDGER = BASE + "ledger";
    /** A consent grant on the ledger. */
    public static final String CONSENT_GRANT = BASE + "consent-grant";

    private IdentifierSystems() {}
}
