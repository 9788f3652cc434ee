/**
 * The RFC 6962 Merkle log that commits careledger's history: append-only leaves, roots at any past size, and the
 * inclusion and consistency proofs a light client checks without trusting the node that served them.
 */
package org.careledger.core.merkle;
