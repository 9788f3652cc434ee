package org.careledger.contracts.supplychain;

/** Arguments of {@code supplychain.registerCompanyPrefix}: the org the GS1 company prefix is licensed to. */
public record RegisterCompanyPrefix(String org, String prefix) {}
