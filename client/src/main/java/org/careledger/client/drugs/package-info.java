/** The drug supply chain from Java: pack verification checked against the genesis quorum, EPCIS capture. */
package org.careledger.client.drugs;
