/** The answers of the consent endpoints: the patient's grants ({@link org.careledger.api.consent.ConsentList}). */
package org.careledger.api.consent;
