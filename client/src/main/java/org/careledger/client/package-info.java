/**
 * The Java SDK: builds and signs transactions, calls a node's REST API, and checks headers against the genesis
 * quorum and Merkle proofs itself so an application need not trust the node it talks to. The typed clients of each
 * domain are in its subpackage ({@code records}, {@code consent}, {@code drugs}); the wire types are the api module's.
 */
package org.careledger.client;
