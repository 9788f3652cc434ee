package org.careledger.api;

/**
 * A block header as JSON. {@code headerBytes} is the exact signed/hashed protobuf (base64): a client recomputes
 * the hash from it rather than trusting {@code hash}.
 */
public record HeaderView(String chainId, long height, String hash, String prevHash, long timestampMillis,
                         long logSize, String logRoot, String resultsDigest, String stateDigest, int txCount,
                         String proposer, String headerBytes, CertificateView certificate) {}
