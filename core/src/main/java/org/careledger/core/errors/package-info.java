/**
 * The error catalogue: every {@link org.careledger.core.CareledgerException} code with its HTTP status, area and
 * meaning, defined once in {@code errors.tsv} and rendered into docs/ERRORS.md.
 */
package org.careledger.core.errors;
