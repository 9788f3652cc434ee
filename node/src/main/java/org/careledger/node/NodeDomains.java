package org.careledger.node;

import io.javalin.config.JavalinConfig;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.careledger.contracts.claims.ClaimsDomain;
import org.careledger.contracts.publichealth.PublicHealthDomain;
import org.careledger.contracts.records.RecordsDomain;
import org.careledger.contracts.research.ResearchDomain;
import org.careledger.contracts.supplychain.SupplyChainDomain;
import org.careledger.node.api.DrugRoutes;
import org.careledger.node.api.RecordRoutes;
import org.careledger.node.claims.ClaimRoutes;
import org.careledger.node.claims.ClaimService;
import org.careledger.node.publichealth.PublicHealthRoutes;
import org.careledger.node.publichealth.PublicHealthService;
import org.careledger.ledger.Ledger;
import org.careledger.node.drugs.DrugVerifier;
import org.careledger.node.drugs.EpcisRestRoutes;
import org.careledger.node.fhir.FhirRoutes;
import org.careledger.node.records.RecordService;
import org.careledger.node.research.ResearchRoutes;
import org.careledger.node.research.ResearchService;

/** The node side of the domains that have an HTTP API, one registration line each (docs/ARCHITECTURE.md). */
public final class NodeDomains {
    private NodeDomains() {}

    public static List<NodeDomain> standard() {
        return List.of(
                of(SupplyChainDomain.ID, n -> new DrugRoutes(new DrugVerifier(n.ledger(), n.finality()), n.txs())
                        .andThen(new EpcisRestRoutes(n.ledger(), n.finality(), n.txs()))),
                of(RecordsDomain.ID, NodeDomains::records),
                of(ClaimsDomain.ID, n -> new ClaimRoutes(new ClaimService(n.ledger(), n.reads()))),
                of(ResearchDomain.ID, n -> new ResearchRoutes(new ResearchService(n.ledger()))),
                of(PublicHealthDomain.ID, n -> new PublicHealthRoutes(new PublicHealthService(n.ledger(), n.reads()))));
    }

    /** Patient records: the /v1 routes and the FHIR R4 facade, over one RecordService. */
    private static Consumer<JavalinConfig> records(NodeDomain.Services n) {
        RecordService records = new RecordService(n.ledger(), n.finality(), n.txs(), n.orgId(), n.orgEncryptionKey(),
                n.reads());
        Ledger ledger = n.ledger();
        return new RecordRoutes(records).andThen(new FhirRoutes(records, n.nodeId(), ledger.genesis().chainId(),
                () -> new Date(ledger.head().height() == 0 ? ledger.genesis().createdAtMillis()
                        : ledger.head().header().getTimestampMillis())));
    }

    /** The ids of {@code domains}, in registration order. */
    public static List<String> ids(List<NodeDomain> domains) {
        return domains.stream().map(NodeDomain::domain).toList();
    }

    /** The routes of the domains genesis lists, in registration order. */
    public static Consumer<JavalinConfig> routes(List<NodeDomain> domains, Set<String> inGenesis, NodeDomain.Services node) {
        Consumer<JavalinConfig> all = cfg -> {};
        for (NodeDomain d : domains) {
            if (inGenesis.contains(d.domain())) {
                all = all.andThen(d.routes(node));
            }
        }
        return all;
    }

    static NodeDomain of(String domain, Function<NodeDomain.Services, Consumer<JavalinConfig>> routes) {
        return new NodeDomain() {
            @Override
            public String domain() {
                return domain;
            }

            @Override
            public Consumer<JavalinConfig> routes(Services node) {
                return routes.apply(node);
            }
        };
    }
}
