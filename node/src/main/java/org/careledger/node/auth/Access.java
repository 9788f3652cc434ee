package org.careledger.node.auth;

import com.google.protobuf.InvalidProtocolBufferException;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;

/** Authorization rules of the ledger-wide endpoints (blocks, transactions). Patient data has its own, in RecordService. */
public final class Access {
    private Access() {}

    /** Blocks carry every org's transaction metadata: consortium members only. */
    public static void requireConsortium(Caller caller, String what) {
        if (!caller.isConsortiumMember()) {
            throw new CareledgerException("FORBIDDEN", caller.id() + " may not read " + what
                    + ": only members of the consortium's orgs may");
        }
    }

    /** A transaction: consortium members, or whoever signed it (a patient reading back their own consent). */
    public static void requireConsortiumOrSigner(Caller caller, TxEnvelope tx) {
        if (caller.isConsortiumMember()) {
            return;
        }
        try {
            if (TxPayload.parseFrom(tx.getPayload()).getSignerId().equals(caller.id())) {
                return;
            }
        } catch (InvalidProtocolBufferException e) {
            // a committed tx always parses; if not, fall through to the refusal
        }
        throw new CareledgerException("FORBIDDEN", caller.id() + " may read only transactions it signed");
    }
}
