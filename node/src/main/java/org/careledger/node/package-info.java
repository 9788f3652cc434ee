/**
 * The careledger node process: configuration, wiring ({@link org.careledger.node.NodeAssembly}), ordering,
 * the REST API and metrics. Domain logic lives in the contracts; this module only transports.
 */
package org.careledger.node;
