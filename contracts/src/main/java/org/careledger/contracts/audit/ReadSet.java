package org.careledger.contracts.audit;

import java.util.List;

/**
 * Arguments of {@code access.readSet}: one audited access to a set of one patient's records (a FHIR
 * {@code Patient/$everything}), decided per record like {@code access.read} without break-glass.
 *
 * @param accessId  new, opaque id of the set (at most {@value AccessContract#MAX_SET_ACCESS_ID_LENGTH} characters);
 *                  record {@code i} of the set is recorded as access {@code <accessId>.<i>}
 * @param patientId whose records; every listed record must be this patient's
 * @param recordIds the record versions to read, distinct, 1 to {@value AccessContract#MAX_SET_SIZE}
 * @param purpose   TREAT, ETREAT, HPAYMT, HRESCH, PUBHLTH or HOPERAT
 */
public record ReadSet(String accessId, String patientId, List<String> recordIds, String purpose) {}
