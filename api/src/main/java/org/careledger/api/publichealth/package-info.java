/** Wire records of the public-health routes (docs/PUBLIC_HEALTH.md, docs/API.md), shared by the node and {@code PublicHealthClient}. */
package org.careledger.api.publichealth;
