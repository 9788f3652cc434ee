package org.careledger.consensus;

import java.util.List;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** A test contract that keeps ({@code attach}) or destroys ({@code purge}) the blob whose SHA-256 is the args. */
final class BlobTestContract implements Contract {
    /** Its own domain: it writes no state. */
    static final Domain DOMAIN = new Domain() {
        @Override
        public String id() {
            return "blobtest";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public List<Contract> contracts() {
            return List.of(new BlobTestContract());
        }

        @Override
        public KeyNamespace namespace() {
            return KeyNamespace.of();
        }
    };

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
