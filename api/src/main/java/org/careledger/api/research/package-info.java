/** Wire records of the research routes (docs/RESEARCH.md, docs/API.md), shared by the node and {@code ResearchClient}. */
package org.careledger.api.research;
