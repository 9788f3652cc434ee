/**
 * How a client proves who it is to a node: every request signed per RFC 9421 (HTTP Message Signatures) with the
 * caller's ledger key, bodies bound by RFC 9530 Content-Digest, over TLS pinned to the genesis node keys.
 */
package org.careledger.client.auth;
