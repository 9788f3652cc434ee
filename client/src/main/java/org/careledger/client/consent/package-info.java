/** Consent from the patient's side: grants whose data keys the patient re-wraps for the grantee, revocation. */
package org.careledger.client.consent;
