/**
 * EPCIS 2.0 JSON/JSON-LD for the drug supply chain: reads documents into per-event results (one bad event does not
 * spoil the rest) with GS1-validated identifiers and normalized CBV vocabulary, and writes events back out.
 */
package org.careledger.epcis;
