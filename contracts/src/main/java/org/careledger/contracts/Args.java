package org.careledger.contracts;

import org.careledger.core.CareledgerException;
import org.careledger.core.contract.ContractException;
import org.careledger.core.json.CanonicalJson;

/** Decodes contract arguments, turning malformed JSON into a contract error the block records. */
public final class Args {
    private Args() {}

    public static <T> T decode(byte[] args, Class<T> type) {
        try {
            return CanonicalJson.decode(args, type);
        } catch (CareledgerException e) {
            throw new ContractException("ARGS_INVALID", e.getMessage());
        }
    }
}
