package org.careledger.epcis;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Instance/lot master data recorded when packs are commissioned: the two CBV attributes pharmacy verification
 * checks against the pack's barcode. Other ILMD attributes are not kept; the original document remains the
 * record of everything else.
 *
 * @param lotNumber {@code cbvmda:lotNumber}
 * @param itemExpirationDate {@code cbvmda:itemExpirationDate}
 */
public record Ilmd(Optional<String> lotNumber, Optional<LocalDate> itemExpirationDate) {
    public static final Ilmd NONE = new Ilmd(Optional.empty(), Optional.empty());

    public Ilmd {
        Objects.requireNonNull(lotNumber, "lotNumber");
        Objects.requireNonNull(itemExpirationDate, "itemExpirationDate");
        lotNumber.ifPresent(lot -> {
            if (lot.isBlank()) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("ilmd lotNumber is empty");
            }
        });
    }

    public boolean isEmpty() {
        return lotNumber.isEmpty() && itemExpirationDate.isEmpty();
    }
}
