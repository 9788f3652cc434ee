package org.careledger.core.publichealth;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A version of the authority's reportable-condition trigger codes, in force from {@code effectiveFromMillis} until the
 * next version's. Public: it says what is reportable, nothing about anyone.
 */
public record TriggerList(int version, long effectiveFromMillis, List<Trigger> triggers) {
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final int MAX_TRIGGERS = 2_000;
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.-]{0,31}");
    private static final Pattern CONDITION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TriggerList {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    /** What is wrong with the list (a sentence), or null. */
    public String problem() {
        if (version < 1) {
            return "version must be 1 or more, got " + version;
        }
        if (triggers.isEmpty() || triggers.size() > MAX_TRIGGERS) {
            return "a trigger list has 1 to " + MAX_TRIGGERS + " codes, got " + triggers.size();
        }
        Set<String> seen = new HashSet<>();
        for (Trigger t : triggers) {
            if (t == null || !(SNOMED.equals(t.system()) || LOINC.equals(t.system()))) {
                return "a trigger's system is " + SNOMED + " (conditions) or " + LOINC + " (results), got '"
                        + (t == null ? null : t.system()) + "'";
            }
            if (t.code() == null || !CODE.matcher(t.code()).matches()) {
                return "trigger code '" + t.code() + "' must match " + CODE.pattern();
            }
            if (t.condition() == null || !CONDITION.matcher(t.condition()).matches()) {
                return "condition '" + t.condition() + "' of " + t.key() + " must match " + CONDITION.pattern();
            }
            if (!seen.add(t.key())) {
                return "code " + t.key() + " is listed twice";
            }
        }
        return null;
    }

    /** The condition a code reports, if it is on this list. */
    public Optional<String> match(String system, String code) {
        for (Trigger t : triggers) {
            if (t.system().equals(system) && t.code().equals(code)) {
                return Optional.of(t.condition());
            }
        }
        return Optional.empty();
    }

    /** The condition the first listed coding of a resource reports (codings in the resource's order), if any. */
    public Optional<String> matchAny(Collection<Coding> codings) {
        for (Coding c : codings) {
            Optional<String> condition = match(c.system(), c.code());
            if (condition.isPresent()) {
                return condition;
            }
        }
        return Optional.empty();
    }

    /** The version in force at a time: the greatest effectiveFromMillis ≤ the time. */
    public static Optional<TriggerList> inForce(Collection<TriggerList> versions, long atMillis) {
        TriggerList found = null;
        for (TriggerList v : versions) {
            if (v.effectiveFromMillis() <= atMillis && (found == null || v.version() > found.version())) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A code in a code system, as a FHIR Coding has it. */
    public record Coding(String system, String code) {}
}
