/** Who belongs to the consortium: org admins register and revoke their members' certificates. */
package org.careledger.contracts.membership;
