package org.careledger.fhir.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.ServiceCode;
import org.careledger.fhir.FhirR4;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the {@code Claim}s (and their {@code ExplanationOfBenefit}s) of a Synthea patient Bundle into
 * {@link ImportedClaim}s. Mapping, as docs/CLAIMS.md ("FHIR") describes it:
 * <ul>
 *   <li>an item with a {@code net} amount, or the item that names the encounter, bills its code; items of one
 *       Claim with the same code are one line with a quantity (a procedure done three times in one encounter);</li>
 *   <li>an item with neither (a finding or diagnosis Synthea lists as an item) is a diagnosis, not a line;</li>
 *   <li>the amount asked is {@code Claim.total}: the encounter (or prescription) line gets what the other lines'
 *       nets leave of it; when their nets add up to more than the total (Synthea bills some encounters at the base
 *       cost), the lines are apportioned to the total in proportion to their nets, largest remainder in cents;</li>
 *   <li>every line bills the Claim's encounter, or the prescription (MedicationRequest) of a pharmacy Claim.</li>
 * </ul>
 */
public final class SyntheaClaims {
    private final FhirR4 fhir;

    public SyntheaClaims(FhirR4 fhir) {
        this.fhir = fhir;
    }

    /** Every Claim of the Bundle, in Bundle order. FHIR_MALFORMED / FHIR_CLAIM_UNMAPPABLE on bad input. */
    public List<ImportedClaim> read(byte[] bundleJson) {
        Bundle bundle = fhir.parseResource(Bundle.class, bundleJson);
        Map<String, Long> payments = new HashMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof ExplanationOfBenefit eob && eob.hasClaim() && eob.hasPayment()
                    && eob.getPayment().hasAmount()) {
                payments.put(eob.getClaim().getReference(), cents(eob.getPayment().getAmount()));
            }
        }
        List<ImportedClaim> claims = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r instanceof Claim claim && claim.getUse() == Claim.Use.CLAIM) {
                claims.add(map(claim, payments.get(e.getFullUrl())));
            }
        }
        return claims;
    }

    private static ImportedClaim map(Claim claim, Long eobPayment) {
        String id = claim.getIdElement().getIdPart();
        if (!claim.hasTotal() || !claim.getTotal().hasValue() || !claim.hasBillablePeriod()
                || !claim.getBillablePeriod().hasStart() || claim.getItem().isEmpty()) {
            throw unmappable(id, "needs a total, a billablePeriod start and items");
        }
        String currency = claim.getTotal().hasCurrency() ? claim.getTotal().getCurrency() : "USD";
        String day = claim.getBillablePeriod().getStartElement().getValueAsString().substring(0, 10);
        String billed = billedEntry(claim, id);
        LinkedHashMap<String, long[]> byCode = new LinkedHashMap<>(); // key → {quantity, net cents, hasNet}
        Map<String, ServiceCode> codes = new HashMap<>();
        String baseKey = null;
        List<ServiceCode> diagnoses = new ArrayList<>();
        for (Claim.ItemComponent item : claim.getItem()) {
            ServiceCode code = code(item.getProductOrService().getCodingFirstRep(), id);
            boolean base = item.hasEncounter();
            if (!base && !item.hasNet()) {
                if (!diagnoses.contains(code)) {
                    diagnoses.add(code);
                }
                continue;
            }
            long[] acc = byCode.computeIfAbsent(code.key(), k -> new long[3]);
            codes.put(code.key(), code);
            acc[0]++;
            if (item.hasNet()) {
                acc[1] += cents(item.getNet());
                acc[2] = 1;
            }
            if (base && baseKey == null) {
                baseKey = code.key();
            }
        }
        if (byCode.isEmpty()) {
            throw unmappable(id, "bills no item (no net amount and no encounter item)");
        }
        long total = cents(claim.getTotal());
        long nets = byCode.values().stream().mapToLong(a -> a[1]).sum();
        long[] amounts = new long[byCode.size()];
        List<String> keys = new ArrayList<>(byCode.keySet());
        boolean apportioned = nets > total || (baseKey == null && nets != total);
        if (!apportioned) {
            for (int i = 0; i < keys.size(); i++) {
                amounts[i] = byCode.get(keys.get(i))[1] + (keys.get(i).equals(baseKey) ? total - nets : 0);
            }
        } else {
            apportion(keys, byCode, total, nets, amounts);
        }
        List<ImportedClaim.Line> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            lines.add(new ImportedClaim.Line(codes.get(keys.get(i)), (int) byCode.get(keys.get(i))[0], amounts[i],
                    billed));
        }
        String type = claim.getType().getCodingFirstRep().getCode();
        String payer = claim.getInsuranceFirstRep().getCoverage().getDisplay();
        return new ImportedClaim(id, type, day, currency, total, lines, diagnoses, payer, apportioned, eobPayment);
    }

    /** Shares of {@code total} in proportion to the nets (equal shares if every net is zero), largest remainder. */
    private static void apportion(List<String> keys, Map<String, long[]> byCode, long total, long nets,
                                  long[] amounts) {
        BigDecimal[] exact = new BigDecimal[keys.size()];
        long given = 0;
        for (int i = 0; i < keys.size(); i++) {
            BigDecimal weight = nets == 0 ? BigDecimal.ONE : BigDecimal.valueOf(byCode.get(keys.get(i))[1]);
            BigDecimal sum = nets == 0 ? BigDecimal.valueOf(keys.size()) : BigDecimal.valueOf(nets);
            exact[i] = BigDecimal.valueOf(total).multiply(weight).divide(sum, 12, RoundingMode.HALF_EVEN);
            amounts[i] = exact[i].setScale(0, RoundingMode.FLOOR).longValueExact();
            given += amounts[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> {
            int c = exact[b].remainder(BigDecimal.ONE).compareTo(exact[a].remainder(BigDecimal.ONE));
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; given < total; k++, given++) {
            amounts[order.get(k % order.size())]++;
        }
    }

    /** The Bundle entry a Claim bills: its prescription, else the encounter of its first item that names one. */
    private static String billedEntry(Claim claim, String id) {
        if (claim.hasPrescription() && claim.getPrescription().hasReference()) {
            return claim.getPrescription().getReference();
        }
        for (Claim.ItemComponent item : claim.getItem()) {
            if (item.hasEncounter() && item.getEncounterFirstRep().hasReference()) {
                return item.getEncounterFirstRep().getReference();
            }
        }
        throw unmappable(id, "names no encounter and no prescription, so no record it bills");
    }

    private static ServiceCode code(Coding coding, String id) {
        if (!coding.hasSystem() || !coding.hasCode()) {
            throw unmappable(id, "has an item without a coded productOrService");
        }
        return new ServiceCode(coding.getSystem(), coding.getCode());
    }

    private static long cents(Money money) {
        return money.getValue().movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static CareledgerException unmappable(String id, String why) {
        return new CareledgerException("FHIR_CLAIM_UNMAPPABLE", "Claim/" + id + " " + why);
    }
}
