/** Read views of contract {@code claims} for its parties (docs/CLAIMS.md); routes in {@link org.careledger.node.claims.ClaimRoutes}. */
package org.careledger.node.claims;
