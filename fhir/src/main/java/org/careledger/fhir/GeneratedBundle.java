package org.careledger.fhir;

import java.nio.charset.StandardCharsets;

/**
 * A synthetic patient Bundle of any size, for import tests and the {@code import} benchmark: a collection of one
 * Patient, one Encounter referring to it, N Observations each referring to both, and optionally a Provenance naming
 * every Observation (so it has N references). No real person's data: ids are built from the given patient id.
 */
public final class GeneratedBundle {
    private GeneratedBundle() {}

    /** The Bundle's JSON: {@code observations + 2} resources, {@code + 1} with the Provenance. */
    public static byte[] of(String patient, int observations, boolean provenance) {
        StringBuilder b = new StringBuilder(observations * 400 + 1000);
        b.append("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"fullUrl\":\"urn:uuid:")
                .append(patient).append("\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"").append(patient)
                .append("\"}},{\"fullUrl\":\"urn:uuid:e-").append(patient).append("\",\"resource\":{\"resourceType\":")
                .append("\"Encounter\",\"id\":\"e-").append(patient).append("\",\"status\":\"finished\",\"class\":")
                .append("{\"code\":\"AMB\"},\"subject\":{\"reference\":\"urn:uuid:").append(patient).append("\"}}}");
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < observations; i++) {
            String id = "o-" + patient + "-" + i;
            b.append(",{\"fullUrl\":\"urn:uuid:").append(id).append("\",\"resource\":{\"resourceType\":\"Observation\",")
                    .append("\"id\":\"").append(id).append("\",\"status\":\"final\",\"code\":{\"text\":\"hr\"},")
                    .append("\"subject\":{\"reference\":\"urn:uuid:").append(patient).append("\"},\"encounter\":")
                    .append("{\"reference\":\"urn:uuid:e-").append(patient).append("\"},\"valueQuantity\":{\"value\":")
                    .append(60 + i % 40).append("}}}");
            targets.append(i == 0 ? "" : ",").append("{\"reference\":\"urn:uuid:").append(id).append("\"}");
        }
        if (provenance) {
            b.append(",{\"fullUrl\":\"urn:uuid:pv-").append(patient).append("\",\"resource\":{\"resourceType\":")
                    .append("\"Provenance\",\"id\":\"pv-").append(patient).append("\",\"target\":[").append(targets)
                    .append("],\"recorded\":\"2025-01-01T00:00:00Z\",\"agent\":[{\"who\":{\"display\":\"x\"}}]}}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
