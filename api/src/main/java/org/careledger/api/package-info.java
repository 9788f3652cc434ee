/** JSON shapes of the REST API, shared by the node (which writes them) and the SDK (which reads them). */
package org.careledger.api;
