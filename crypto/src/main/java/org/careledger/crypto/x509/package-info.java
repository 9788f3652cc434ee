/**
 * X.509 identities for the consortium: each organization runs a self-signed CA that issues certificates to its
 * members and nodes ({@code CN=name, O=org, OU=role...}); validation takes the time as an argument and never reads a
 * clock, so the ledger can check certificates at the time of the ordered log entry. PEM and key files live here too.
 */
package org.careledger.crypto.x509;
