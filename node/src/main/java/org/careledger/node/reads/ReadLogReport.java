package org.careledger.node.reads;

import java.nio.file.Path;

/** A read log that verified: how many entries, and the last one's hash ({@link ReadEntry#ZERO_HASH} when empty). */
public record ReadLogReport(Path dir, long entries, String headHash) {}
