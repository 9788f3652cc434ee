/**
 * The drug supply chain: serialized packs (SGTIN) and cases (SSCC) from commissioning to dispensing, custody
 * handed over only when sender and receiver both sign, lot recalls, and suspect events kept for the authority.
 */
package org.careledger.contracts.supplychain;
