package org.careledger.consensus;

import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;

/** A test contract that keeps ({@code attach}) or destroys ({@code purge}) the blob whose SHA-256 is the args. */
final class BlobTestContract implements Contract {
    @Override
    public String name() {
        return "blobtest";
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) throws ContractException {
        if (args.length != 32) {
            throw new ContractException("BLOBTEST_ARGS", "args must be a SHA-256");
        }
        switch (method) {
            case "attach" -> ctx.attachBlob(Hash.of(args));
            case "purge" -> ctx.purgeBlob(Hash.of(args));
            default -> throw new ContractException("BLOBTEST_METHOD", "unknown method " + method);
        }
    }
}
