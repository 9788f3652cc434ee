package org.careledger.api;

/** RFC 9457 problem details, with careledger's stable error {@code code}. */
public record Problem(String type, String title, int status, String detail, String code, String instance) {}
