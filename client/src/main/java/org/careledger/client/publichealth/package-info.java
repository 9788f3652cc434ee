/**
 * The SDK of public-health reporting (docs/PUBLIC_HEALTH.md): {@link org.careledger.client.publichealth.PublicHealthClient}
 * — the authority's trigger lists, linkage keys, responses, aggregates and outbreak view; the providers' automatic
 * case reports, hooked into {@code RecordsClient}'s write and import path.
 */
package org.careledger.client.publichealth;
