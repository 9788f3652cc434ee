/** Canonical JSON: deterministic bytes for contract arguments, state values and events. */
package org.careledger.core.json;
