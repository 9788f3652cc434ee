/**
 * TLS between careledger parties: node certificates pinned to the keys genesis lists (for the Raft links and the REST
 * API alike), and the key material a node serves them with.
 */
package org.careledger.crypto.tls;
