package org.careledger.api;

/**
 * How long a submission waits ({@code ?wait=none|commit|final}): not at all, until committed, or until the block is
 * certified final.
 */
public enum Wait { NONE, COMMIT, FINAL }
