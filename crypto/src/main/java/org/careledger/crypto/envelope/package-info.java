/**
 * Envelope encryption for patient records (Google Tink): each record is sealed with its own AES-256-GCM data key,
 * and that key is wrapped for each reader with HPKE (RFC 9180, X25519). Nodes store and move ciphertext only.
 */
package org.careledger.crypto.envelope;
