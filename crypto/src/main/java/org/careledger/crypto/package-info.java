/**
 * Digital signatures for careledger: Ed25519 (the hot path, BouncyCastle's low-level RFC 8032 code) and ECDSA P-256,
 * with strict verification so every node accepts exactly the same signatures. X.509 identities live in
 * {@code .x509}, record encryption and key wrapping in {@code .envelope}; error codes are listed in {@link
 * org.careledger.crypto.CryptoErrors}.
 */
package org.careledger.crypto;
