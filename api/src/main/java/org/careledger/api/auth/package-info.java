/**
 * The RFC 9421 (HTTP Message Signatures) profile: the signature base and parameters, the algorithm names and RFC
 * 9530 Content-Digest. The SDK signs with these classes and the node checks with them, so the two cannot drift.
 */
package org.careledger.api.auth;
