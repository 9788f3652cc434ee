/** The answers of the drug endpoints: a pack's verification with its proofs, an EPCIS capture's report. */
package org.careledger.api.drugs;
