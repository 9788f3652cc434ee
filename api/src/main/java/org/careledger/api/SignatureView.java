package org.careledger.api;

/** One node's signature over a block hash (hex). */
public record SignatureView(String nodeId, String signature) {}
