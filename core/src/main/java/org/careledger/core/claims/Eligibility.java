package org.careledger.core.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An eligibility answer (FHIR's CoverageEligibilityRequest/Response): is a coverage in force on a day, and for each
 * service asked about, is it covered by the plan's rules in force that day, at what allowed amount per unit, does it
 * need a prior authorization, and how many units of a yearly limit are left. Pure and deterministic, like
 * {@link Adjudicator}: the same coverage, rules and accumulators give the same answer to anyone, so a provider's
 * answer before the service matches what adjudication will apply after it.
 *
 * @param coverageId       the coverage asked about
 * @param planId           its plan
 * @param day              the service day asked about (ISO)
 * @param inForce          whether the coverage is in force that day
 * @param reason           why it is not ({@link Reason}), null when in force
 * @param rulesVersion     the rules version in force that day, null when none is
 * @param currency         the rules' currency, null when no rules are in force
 * @param deductibleCents  the plan's yearly deductible, null when no rules are in force
 * @param deductibleLeftCents what is left of the deductible in the day's year, null when the accumulators are unknown
 *                         (the caller could not open the coverage's latest adjudication)
 * @param items            one per service asked about, in the order asked
 */
public record Eligibility(String coverageId, String planId, String day, boolean inForce, Reason reason,
                          Integer rulesVersion, String currency, Long deductibleCents, Long deductibleLeftCents,
                          List<Item> items) {
    /** Why a coverage is not in force on the day. */
    public enum Reason { BEFORE_PERIOD, AFTER_PERIOD, ENDED, NO_RULES_IN_FORCE }

    /**
     * @param service           the service asked about
     * @param covered           whether the fee schedule lists it (and the coverage is in force)
     * @param allowedPerUnitCents the fee schedule's allowed amount per unit, null when not covered
     * @param preauthRequired   whether the rules list it as needing a prior authorization
     * @param yearlyLimit       units per calendar year, null when unlimited
     * @param unitsLeft         units left of the limit in the day's year, null when unlimited or the accumulators are
     *                          unknown
     */
    public record Item(ServiceCode service, boolean covered, Long allowedPerUnitCents, boolean preauthRequired,
                       Integer yearlyLimit, Integer unitsLeft) {}

    public Eligibility {
        items = List.copyOf(items);
    }

    /**
     * @param coverageId  the coverage
     * @param planId      its plan
     * @param periodStart first day of the coverage (ISO)
     * @param periodEnd   last day of the coverage (ISO)
     * @param endedOn     the day the insurer ended it, or null
     * @param rules       the rules version in force on {@code day}, or null when none is
     * @param accumulators the coverage's accumulators after its latest adjudication, or null when unknown
     * @param day         the service day (ISO)
     * @param services    the services asked about
     */
    public static Eligibility check(String coverageId, String planId, String periodStart, String periodEnd,
                                    String endedOn, BenefitRules rules, Accumulators accumulators, String day,
                                    List<ServiceCode> services) {
        Objects.requireNonNull(services, "services");
        LocalDate date = LocalDate.parse(day); // refuses a malformed day before anything is answered
        Reason reason = day.compareTo(periodStart) < 0 ? Reason.BEFORE_PERIOD
                : day.compareTo(periodEnd) > 0 ? Reason.AFTER_PERIOD
                : endedOn != null && day.compareTo(endedOn) > 0 ? Reason.ENDED
                : rules == null ? Reason.NO_RULES_IN_FORCE : null;
        boolean inForce = reason == null;
        Accumulators year = accumulators == null ? null : accumulators.forYear(date.getYear());
        List<Item> items = new ArrayList<>();
        for (ServiceCode s : services) {
            String key = s.key();
            Long fee = rules == null ? null : rules.feeSchedule().get(key);
            Integer limit = rules == null ? null : rules.limitsPerYear().get(key);
            Integer left = limit == null || year == null ? null
                    : Math.max(0, limit - year.unitsUsed().getOrDefault(key, 0));
            items.add(new Item(s, inForce && fee != null, fee, rules != null && rules.preauthCodes().contains(key),
                    limit, left));
        }
        Long deductible = rules == null ? null : rules.deductibleCents();
        Long deductibleLeft = rules == null || year == null ? null
                : Math.max(0, rules.deductibleCents() - year.deductibleMetCents());
        return new Eligibility(coverageId, planId, day, inForce, reason, rules == null ? null : rules.version(),
                rules == null ? null : rules.currency(), deductible, deductibleLeft, items);
    }
}
