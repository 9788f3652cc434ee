package org.careledger.fhir.model;

import java.time.Instant;
import org.careledger.core.CareledgerException;

/**
 * The custodian auditor's review of a break-glass access, as the patient's audit trail shows it.
 *
 * @param outcome  JUSTIFIED or UNJUSTIFIED
 * @param reviewer the auditor's identity id
 * @param note     the auditor's note, or null
 * @param at       block time of the review
 */
public record Review(String outcome, String reviewer, String note, Instant at) {
    public Review {
        if (!"JUSTIFIED".equals(outcome) && !"UNJUSTIFIED".equals(outcome)) {
            throw new CareledgerException("FHIR_DISCLOSURE_INVALID", "a review outcome is JUSTIFIED or UNJUSTIFIED, not "
                    + outcome);
        }
        if (reviewer == null || reviewer.isBlank() || at == null) {
            throw new CareledgerException("FHIR_DISCLOSURE_INVALID", "a review needs its reviewer and time");
        }
        note = note == null || note.isBlank() ? null : note;
    }
}
