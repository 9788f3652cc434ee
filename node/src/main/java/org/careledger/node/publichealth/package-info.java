/** Node routes and read views of domain {@code publichealth} (docs/PUBLIC_HEALTH.md). */
package org.careledger.node.publichealth;
