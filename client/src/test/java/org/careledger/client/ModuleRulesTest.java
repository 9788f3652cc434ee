package org.careledger.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * client is the SDK: core, crypto, the wire types (api), the contracts' transaction arguments and the FHIR Bundle
 * reader, so an application that uses it never carries a node, a ledger or a store. Rules over the main classes; the graph is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares
 * what it uses is checked by the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoNodeSide = noClasses().that().resideInAPackage("org.careledger.client..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.storage..", "org.careledger.ledger..", "org.careledger.consensus..",
                    "org.careledger.node..", "org.careledger.cli..", "org.careledger.bench..")
            .because("the SDK stays free of node internals: it shares only the wire types of careledger-api with the"
                    + " node, and signs contract arguments the node executes");


    @ArchTest
    static final ArchRule knowsNoServerLibraries = noClasses().that().resideInAPackage("org.careledger.client..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "org.rocksdb..",
                    "org.apache.ratis..")
            .because("the SDK talks HTTP as a client only");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.client.(*)..")
            .should().beFreeOfCycles();
}
