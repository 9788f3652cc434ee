/** The SDK of contract {@code research} (docs/RESEARCH.md): {@link org.careledger.client.research.ResearchClient}. */
package org.careledger.client.research;
