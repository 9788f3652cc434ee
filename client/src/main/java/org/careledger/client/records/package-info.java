/**
 * Client-side record protection: the patient's wallet, sealing a record under a fresh data key wrapped for each
 * reader (Tink AES-256-GCM + HPKE X25519), and re-wrapping keys for a consent grantee. Nodes never see plaintext.
 */
package org.careledger.client.records;
