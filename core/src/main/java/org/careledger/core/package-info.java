/**
 * Values and pure logic shared by every module: hashes, errors, the wire schema (generated from
 * careledger.proto), the Merkle log and the contract interface.
 */
package org.careledger.core;
