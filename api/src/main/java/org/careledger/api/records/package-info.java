/**
 * The record sealing format (AES-256-GCM under a fresh data key, HPKE-wrapped per reader, bound to the record id),
 * shared by the SDK, which seals and opens, and the node, which re-wraps a data key for a break-glass reader; and
 * the answers of the record and access endpoints.
 */
package org.careledger.api.records;
