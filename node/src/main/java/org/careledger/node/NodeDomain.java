package org.careledger.node;

import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;
import org.careledger.consensus.Finality;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.ledger.Ledger;
import org.careledger.node.reads.ReadLog;

/**
 * What a domain adds to a node: HTTP routes over its read views and write paths. {@link NodeDomains} lists one per
 * domain that has an API; the node mounts those whose domain genesis lists.
 */
public interface NodeDomain {
    /** The id of the contracts domain this serves, as genesis lists it. */
    String domain();

    /** The domain's routes, built on the node's shared services. */
    Consumer<JavalinConfig> routes(Services node);

    /**
     * What the node gives a domain to build its routes on.
     *
     * @param orgEncryptionKey the org's X25519 key if the node dir holds it (break-glass re-wrap), else null
     */
    record Services(Ledger ledger, Finality finality, TxService txs, String nodeId, String orgId,
                    EncryptionKeyPair orgEncryptionKey,
                    ReadLog reads) {}
}
