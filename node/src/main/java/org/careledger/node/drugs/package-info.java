/**
 * The drug supply chain's read side, independent of HTTP: pharmacy verification of a pack (verdict, custody
 * history, inclusion proofs) and readable reports of EPCIS captures and suspect events.
 */
package org.careledger.node.drugs;
