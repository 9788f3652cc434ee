/**
 * The Java SDK: builds and signs transactions, calls a node's REST API, and checks Merkle proofs itself so an
 * application need not trust the node it talks to.
 */
package org.careledger.client;
