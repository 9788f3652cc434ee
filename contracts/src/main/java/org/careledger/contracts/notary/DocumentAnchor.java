package org.careledger.contracts.notary;

/** What the ledger keeps for an anchored document: never the document, only its hash and who anchored it when. */
public record DocumentAnchor(String org, String documentId, String sha256, String kind, String anchoredBy,
                             long anchoredAtMillis, long blockHeight) {}
