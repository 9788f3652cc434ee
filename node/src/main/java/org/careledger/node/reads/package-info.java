/** Read accounting: a hash-chained, per-node log of API reads of patient-scoped data that verify re-checks. */
package org.careledger.node.reads;
