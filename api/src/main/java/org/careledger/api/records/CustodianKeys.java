package org.careledger.api.records;

/**
 * A break-glass reader's data key, re-wrapped by the custodian's node after the access was committed.
 *
 * @param accessId   the committed break-glass access
 * @param recordId   the record it read
 * @param readerOrg  the org the key is wrapped for (only it can unwrap it)
 * @param custodian  the record's author org, whose node re-wrapped the key
 * @param keysSha256 SHA-256 of {@code keys}
 * @param keys       base64 key bundle holding the record's data key for {@code readerOrg} alone
 */
public record CustodianKeys(String accessId, String recordId, String readerOrg, String custodian, String keysSha256,
                            String keys) {}
