package org.careledger.contracts.supplychain;

/** A GS1 company prefix registered to an org after genesis by an authority's admin. */
public record CompanyPrefixRecord(String prefix, String org, String registeredBy, long registeredAtMillis,
                                  String txId) {}
