package org.careledger.api.publichealth;

/** One blob a public-health state names (a sealed report, a wrapped key, a MeasureReport): base64 and its SHA-256. */
public record HealthBlob(String sha256, String data) {}
