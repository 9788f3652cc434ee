package org.careledger.core.claims;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One version of a plan's published benefit rules: public data on the ledger (a price list is the insurer's, not a
 * patient's). Amounts in cents of {@link #currency}; maps are sorted so the rules encode to the same bytes everywhere.
 *
 * @param planId          the plan
 * @param version         1, 2, …
 * @param effectiveFrom   first day (ISO) the version is in force
 * @param currency        ISO 4217
 * @param feeSchedule     allowed cents per unit, by {@link ServiceCode#key()}; a code not listed is not covered
 * @param deductibleCents the patient pays allowed amounts up to this much per calendar year first
 * @param copayCents      fixed amount the patient pays per approved line (after the deductible)
 * @param coinsuranceBps  the patient's share of the rest, in basis points (0..10000)
 * @param preauthCodes    codes that need an approved prior authorization
 * @param limitsPerYear   units per calendar year, by code
 */
public record BenefitRules(String planId, int version, String effectiveFrom, String currency,
                           SortedMap<String, Long> feeSchedule, long deductibleCents, long copayCents,
                           int coinsuranceBps, List<String> preauthCodes, SortedMap<String, Integer> limitsPerYear) {
    public static final int MAX_CODES = 4096;

    public BenefitRules {
        feeSchedule = feeSchedule == null ? new TreeMap<>() : new TreeMap<>(feeSchedule);
        limitsPerYear = limitsPerYear == null ? new TreeMap<>() : new TreeMap<>(limitsPerYear);
        preauthCodes = preauthCodes == null ? List.of() : List.copyOf(new TreeSet<>(preauthCodes));
    }

    /** Why these rules cannot be published, or null when they can. */
    public String problem() {
        if (planId == null || version < 1 || currency == null || !currency.matches("[A-Z]{3}")) {
            return "rules need a planId, a version ≥ 1 and a currency such as USD";
        }
        try {
            LocalDate.parse(effectiveFrom == null ? "" : effectiveFrom);
        } catch (java.time.format.DateTimeParseException e) {
            return "effectiveFrom '" + effectiveFrom + "' is not an ISO day such as 2025-01-01";
        }
        if (deductibleCents < 0 || copayCents < 0 || coinsuranceBps < 0 || coinsuranceBps > 10_000) {
            return "deductible and co-pay must be ≥ 0 and co-insurance within 0..10000 basis points";
        }
        if (feeSchedule.size() + preauthCodes.size() + limitsPerYear.size() > MAX_CODES) {
            return "rules list at most " + MAX_CODES + " codes in all";
        }
        for (Map.Entry<String, Long> fee : feeSchedule.entrySet()) {
            if (!validKey(fee.getKey()) || fee.getValue() == null || fee.getValue() < 0) {
                return "fee schedule entry '" + fee.getKey() + "' needs a 'system|code' key and an amount ≥ 0";
            }
        }
        for (Map.Entry<String, Integer> limit : limitsPerYear.entrySet()) {
            if (!validKey(limit.getKey()) || limit.getValue() == null || limit.getValue() < 0) {
                return "limit '" + limit.getKey() + "' needs a 'system|code' key and a count ≥ 0";
            }
        }
        for (String code : preauthCodes) {
            if (!validKey(code)) {
                return "prior-authorization code '" + code + "' is not 'system|code'";
            }
        }
        return null;
    }

    private static boolean validKey(String key) {
        try {
            ServiceCode.ofKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
