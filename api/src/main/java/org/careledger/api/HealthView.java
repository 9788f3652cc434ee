package org.careledger.api;

/**
 * Liveness, readiness and position of a node ({@code GET /v1/health}; {@code GET /v1/health/ready} answers the same
 * body with 200 when {@code ready}, else a 503 problem, or 507 {@code NODE_DISK_FULL}).
 *
 * @param status       UP, CATCHING_UP (behind the Raft commit index by more than {@code lagThreshold} log entries,
 *                     fetching blocks from peers, or not yet told the cluster's commit index since it started) or
 *                     DEGRADED (halted, its Raft server stopped, or its store reported corruption) or DISK_FULL (a
 *                     disk holding its store, Raft log or read log is below the free-space floor; it refuses writes
 *                     and is UP again by itself once space is freed)
 * @param ready        true only when UP: the node takes writes and answers reads from a current state
 * @param reason       why the node is not UP, or null
 * @param appliedIndex the last Raft log index this node applied (-1 with local ordering)
 * @param commitIndex  the highest Raft commit index this node knows, its own or the leader's (-1 with local ordering)
 * @param lag          committed log entries this node has not applied yet (Raft entries: blocks and signature batches)
 * @param lagThreshold the lag above which the node says CATCHING_UP and refuses writes
 */
public record HealthView(String status, String nodeId, String chainId, long height, String headHash, String role,
                         String leader, long finalHeight, boolean ready, String reason, long appliedIndex,
                         long commitIndex, long lag, long lagThreshold) {
    /** A view without the readiness fields (what nodes answered before they had them). */
    public HealthView(String status, String nodeId, String chainId, long height, String headHash, String role,
                      String leader, long finalHeight) {
        this(status, nodeId, chainId, height, headHash, role, leader, finalHeight, "UP".equals(status), null, -1, -1,
                0, 0);
    }
}
