/**
 * GS1 identification keys for medicines and their packaging (GTIN, SGTIN, LGTIN, SSCC, GLN, SGLN), parsed from
 * and rendered to EPC URIs, GS1 Digital Link URIs and element strings; every key's check digit is verified.
 */
package org.careledger.epcis.gs1;
