package org.careledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.contract.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BreakGlassReviewTest {
    private final CareWorld w = new CareWorld();
    private final FakeLedger ledger = w.ledger;

    @BeforeEach
    void aBreakGlassAccess() {
        w.patient("p-alice01");
        w.record(w.drLee, "r-obs", "p-alice01", "Observation");
        w.read(w.erDocB, "bg-1", "r-obs", "ETREAT", "unconscious in ER");
        w.read(w.nurseKim, "own-1", "r-obs", "TREAT", null);
        ledger.nextBlock(60_000);
    }

    @Test
    void theCustodiansAuditorReviewsIt() {
        FakeLedger.Outcome o = ledger.ok(w.access, w.auditorA, "reviewBreakGlass",
                new ReviewBreakGlass("bg-1", "JUSTIFIED", "ER admission confirmed"));
        assertThat(ledger.keys("review/")).isEmpty();
        assertThat(ledger.read("break-glass-review/bg-1", BreakGlassReview.class)).isEqualTo(new BreakGlassReview("bg-1",
                "hospital-a/auditor", "hospital-a", "JUSTIFIED", "ER admission confirmed", ledger.time(), ledger.height()));
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("BreakGlassReviewed");
        assertThat(w.disclosure("bg-1").breakGlass()).as("the disclosure itself is never rewritten").isTrue();

        assertThat(ledger.run(w.access, w.auditorA, "reviewBreakGlass", new ReviewBreakGlass("bg-1", "UNJUSTIFIED", null)).code())
                .isEqualTo("REVIEW_NOT_PENDING");
    }

    @Test
    void anUnjustifiedVerdictNeedsNoNote() {
        ledger.ok(w.access, w.auditorA, "reviewBreakGlass", new ReviewBreakGlass("bg-1", "UNJUSTIFIED", null));
        assertThat(ledger.read("break-glass-review/bg-1", BreakGlassReview.class).note()).isNull();
    }

    @Test
    void onlyAnAuditorOfTheQueueOrgReviews() {
        for (Identity signer : new Identity[] {w.auditorB, w.nurseKim, w.adminA, w.erDocB}) {
            assertThat(ledger.run(w.access, signer, "reviewBreakGlass", new ReviewBreakGlass("bg-1", "JUSTIFIED", null)).code())
                    .as(signer.id()).isEqualTo("NOT_AUDITOR");
        }
        assertThat(ledger.has("review/hospital-a/bg-1")).isTrue();
    }

    @Test
    void malformedReviewsAreRefused() {
        assertCode(new ReviewBreakGlass("nope", "JUSTIFIED", null), "ACCESS_UNKNOWN");
        assertCode(new ReviewBreakGlass(null, "JUSTIFIED", null), "ACCESS_UNKNOWN");
        assertCode(new ReviewBreakGlass("own-1", "JUSTIFIED", null), "REVIEW_NOT_PENDING");
        assertCode(new ReviewBreakGlass("bg-1", "OK", null), "REVIEW_OUTCOME_INVALID");
        assertCode(new ReviewBreakGlass("bg-1", null, null), "REVIEW_OUTCOME_INVALID");
        assertCode(new ReviewBreakGlass("bg-1", "JUSTIFIED", "n".repeat(513)), "REVIEW_NOTE_INVALID");
        assertThat(ledger.has("review/hospital-a/bg-1")).isTrue();
    }

    private void assertCode(ReviewBreakGlass args, String code) {
        assertThat(ledger.run(w.access, w.auditorA, "reviewBreakGlass", args).code()).isEqualTo(code);
    }
}
