package org.careledger.core.research;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Per-study pseudonyms of released resources: HMAC-SHA256(studyKey, "resource|" + id), first 128 bits written as a
 * UUID (so a pseudonym is a valid FHIR id and {@code urn:uuid:} reference). The same patient gets the same pseudonym
 * in every release of one study — the sponsor can link them — and unrelated ones under another study's key.
 */
public final class Pseudonyms {
    public static final int KEY_BYTES = Hmacs.KEY_BYTES;
    private final byte[] studyKey;

    public Pseudonyms(byte[] studyKey) {
        Hmacs.hmac(studyKey, "a study's pseudonym key", ""); // checks its length now, not at the first use
        this.studyKey = studyKey.clone();
    }

    /**
     * The pseudonym of a resource id (the Patient's is the subject's). By id alone, since a {@code urn:uuid:}
     * reference does not name its target's type; resource ids are unique within a site's export.
     */
    public String of(String id) {
        ByteBuffer b = ByteBuffer.wrap(Hmacs.hmac(studyKey, "a study's pseudonym key", "resource|" + id));
        return new UUID(b.getLong(), b.getLong()).toString();
    }
}
