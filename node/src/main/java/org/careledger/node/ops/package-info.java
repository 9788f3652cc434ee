/**
 * Operator tasks on a node directory outside the serving path: backup, restore, checks of the Raft log. Each works
 * next to a running node (or refuses clearly when it cannot) and names the file and what to do when it fails.
 */
package org.careledger.node.ops;
