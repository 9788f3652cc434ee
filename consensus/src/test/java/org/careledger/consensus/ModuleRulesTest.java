package org.careledger.consensus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * consensus (ordering and finality) drives the ledger and is driven by the node. Rules over the main classes;
 * the graph is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares what it uses is
 * checked by the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.consensus", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoNode = noClasses().that().resideInAPackage("org.careledger.consensus..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.client..", "org.careledger.node..", "org.careledger.cli..",
                    "org.careledger.bench..")
            .because("the node wires consensus, not the reverse");

    @ArchTest
    static final ArchRule knowsNoContracts = noClasses().that().resideInAPackage("org.careledger.consensus..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.contracts..", "org.careledger.epcis..", "org.careledger.fhir..")
            .because("consensus orders and applies blocks through the ledger, whatever the contracts");

    @ArchTest
    static final ArchRule knowsNoHttp = noClasses().that().resideInAPackage("org.careledger.consensus..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
            .because("serving the API is the node's");
}
