/** Wire records of the claims routes (docs/CLAIMS.md, docs/API.md), shared by the node and {@code ClaimsClient}. */
package org.careledger.api.claims;
