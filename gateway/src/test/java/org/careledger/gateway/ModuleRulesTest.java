package org.careledger.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * gateway is SDK-side: it acts as a member through the SDK (client) and never reaches into a node, a ledger, a
 * consensus log or a store, so a hospital runs it without any of them. Rules over the main classes; the graph is in
 * docs/ARCHITECTURE.md ("Modules and dependencies").
 */
@AnalyzeClasses(packages = "org.careledger.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoNodeSide = noClasses().that().resideInAPackage("org.careledger.gateway..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.storage..", "org.careledger.ledger..", "org.careledger.consensus..",
                    "org.careledger.node..", "org.careledger.cli..", "org.careledger.bench..",
                    "org.rocksdb..", "org.apache.ratis..", "io.javalin..")
            .because("the gateway holds a member's keys and talks to its org's node only through the SDK, like any"
                    + " other application; the node holds no member keys and sees no plaintext");

}
