package org.careledger.epcis;

import java.util.Objects;

/**
 * One entry of a source or destination list: the party that owned or possessed the goods, or the location they
 * were at, before (source) or after (destination) a transfer of custody.
 *
 * @param type owning_party, possessing_party, location, or a user-defined type
 * @param id the party or location identifier as written, typically {@code urn:epc:id:pgln:} or {@code sgln:}
 */
public record SourceDestination(CbvValue<SourceDestType> type, String id) {
    public SourceDestination {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw EpcisErrorCode.EPCIS_MISSING_FIELD.exception("a source or destination of type " + type.value()
                    + " needs an identifier");
        }
    }
}
