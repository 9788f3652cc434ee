package org.careledger.core.contract;

import org.careledger.core.CareledgerException;

/** A contract refused a transaction: the code lands in the block's TxResult, the writes are discarded. */
public class ContractException extends CareledgerException {
    public ContractException(String code, String message) {
        super(code, message);
    }
}
