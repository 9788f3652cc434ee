/**
 * The domain contracts: deterministic functions over the state view, one package per domain. They depend on
 * core and crypto only, never on storage, consensus or transport.
 */
package org.careledger.contracts;
