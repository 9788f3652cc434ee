package org.careledger.contracts.consent;

import java.util.List;

/**
 * Arguments of {@code consent.limit}: each field left null keeps its current value; a given value must narrow.
 *
 * @param grantId           the grant
 * @param recordTypes       the new types: a subset of the current ones
 * @param recordIds         the new record ids: a subset of the current ones
 * @param expiresAtMillis   the new expiry: after the block time and not later than the current one
 * @param wrappedKeysSha256 optional new blob of keys re-wrapped for the narrowed scope; the old blob is purged
 */
public record LimitConsent(String grantId, List<String> recordTypes, List<String> recordIds, Long expiresAtMillis,
                           String wrappedKeysSha256) {}
