/** The {@code careledger} command line (picocli): network, node, verify, demo and query commands. */
package org.careledger.cli;
