/** Network directories: creating a consortium's genesis, keys and node directories, and finding them again. */
package org.careledger.node.network;
