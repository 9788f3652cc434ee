/**
 * The FHIR gateway: a FHIR R4 REST server (HAPI's {@code RestfulServer} on embedded Jetty) that a hospital runs in
 * front of its org's node. It acts through the SDK as one member with the org's encryption key, so every import is
 * that member's signed writes and every read that member's signed, audited access ({@code access.read} /
 * {@code access.readSet}); the node keeps holding no member keys and seeing no plaintext. See docs/FHIR.md.
 *
 * <ul>
 *   <li>{@link org.careledger.gateway.RecordGateway}: what the gateway does, without HTTP;</li>
 *   <li>{@link org.careledger.gateway.EntryResponses}: an import's per-entry outcome as a transaction-/batch-response;</li>
 *   <li>{@link org.careledger.gateway.GatewayServer} and its providers: the FHIR REST binding;</li>
 *   <li>{@link org.careledger.gateway.FhirGateway}: Jetty, the bearer token ({@link org.careledger.gateway.BearerAuth})
 *       and the request log that names no patient data.</li>
 * </ul>
 */
package org.careledger.gateway;
