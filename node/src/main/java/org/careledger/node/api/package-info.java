/** The REST API (Javalin): JSON views of blocks, txs and proofs, RFC 9457 problems, OpenAPI, metrics. */
package org.careledger.node.api;
