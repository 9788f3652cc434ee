/**
 * Document anchoring: a member records that a document with a given SHA-256 existed at block time, without the
 * document itself ever reaching the ledger (lab reports, discharge letters, consent forms on paper).
 */
package org.careledger.contracts.notary;
