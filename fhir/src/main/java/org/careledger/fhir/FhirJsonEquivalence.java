package org.careledger.fhir;

import java.util.Arrays;
import java.util.Objects;

/**
 * Whether two JSON documents are the same FHIR resource. Byte equality is too strict (key order, whitespace,
 * {@code \u00e9} vs {@code é}, narrative XHTML layout), and a plain JSON-tree comparison is both too strict (it cannot
 * normalise XHTML) and too loose ({@code 1.0} and {@code 1.00} are different FHIR decimals but equal numbers). So
 * both sides go through HAPI and their canonical encodings (see {@link FhirR4}) are compared. Parsing is strict, so
 * nothing either side contains is ignored. Array order, ids and meta are significant, as in FHIR.
 */
public final class FhirJsonEquivalence {

    private final FhirR4 fhir;

    public FhirJsonEquivalence(FhirR4 fhir) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    /**
     * True if {@code a} and {@code b} encode the same R4 resource.
     *
     * @throws org.careledger.core.CareledgerException {@code FHIR_MALFORMED} if either is not a valid R4 resource
     */
    public boolean semanticallyEqual(byte[] a, byte[] b) {
        return Arrays.equals(fhir.canonicalize(a), fhir.canonicalize(b));
    }
}
