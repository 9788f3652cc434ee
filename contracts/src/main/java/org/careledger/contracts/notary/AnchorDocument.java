package org.careledger.contracts.notary;

/** Arguments of {@code notary.anchor}: the org-local document id, its SHA-256 (hex) and a kind label. */
public record AnchorDocument(String documentId, String sha256, String kind) {}
