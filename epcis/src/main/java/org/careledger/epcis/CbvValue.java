package org.careledger.epcis;

import java.util.Locale;
import java.util.Objects;

/**
 * A value from a CBV vocabulary (business step, disposition, ...) after normalization. The three spellings of a
 * standard term ({@code shipping}, {@code urn:epcglobal:cbv:bizstep:shipping},
 * {@code https://ref.gs1.org/cbv/BizStep-shipping}) all become the same value, so code compares enum constants
 * and never strings.
 *
 * @param term the standard term, or the vocabulary's {@code OTHER} for a user-defined URI
 * @param value the CBV short name of a standard term (e.g. {@code shipping}); for {@code OTHER}, the URI as given
 * @param <T> the vocabulary
 */
public record CbvValue<T extends Enum<T>>(T term, String value) {
    public CbvValue {
        Objects.requireNonNull(term, "term");
        if (value == null || value.isBlank()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("a CBV value must not be empty");
        }
    }

    /** A standard term, spelled by its CBV short name. */
    public static <T extends Enum<T>> CbvValue<T> of(T term) {
        return new CbvValue<>(term, term.name().toLowerCase(Locale.ROOT));
    }

    /** True when {@code value} is the CBV short name of {@code term} (false for user-defined URIs). */
    public boolean isStandard() {
        return term.name().toLowerCase(Locale.ROOT).equals(value);
    }

    public boolean is(T expected) {
        return term == expected;
    }
}
