package org.careledger.client.api;

/** Liveness and position of a node. */
public record HealthView(String status, String nodeId, String chainId, long height, String headHash, String role,
                         String leader, long finalHeight) {}
