/** Read views of contract {@code research} (docs/RESEARCH.md); routes in {@link org.careledger.node.research.ResearchRoutes}. */
package org.careledger.node.research;
