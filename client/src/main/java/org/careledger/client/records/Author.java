package org.careledger.client.records;

import java.util.Objects;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.envelope.EncryptionKeyPair;

/**
 * Who writes a record: a member (or admin) of a provider org, signing with its own key; the record's data key is
 * wrapped for the patient and for the org's X25519 key, so the org can read what it wrote.
 *
 * @param signer signs the transactions ({@code org/name})
 * @param org    the author org
 * @param orgKey the org's encryption key pair (only its public half is needed to write), or null if not at hand
 */
public record Author(TxSigner signer, String org, EncryptionKeyPair orgKey) {
    public Author {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(org, "org");
    }

    /** The org key, required to write (and open) records. */
    public EncryptionKeyPair requireOrgKey() {
        if (orgKey == null) {
            throw new CareledgerException("ORG_KEY_NOT_FOUND", "no encryption key of " + org + " was given");
        }
        return orgKey;
    }
}
