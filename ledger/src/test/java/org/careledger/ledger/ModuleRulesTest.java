package org.careledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * ledger (admission, execution, verification) knows core, crypto and storage: no consensus, no HTTP, and no
 * contract code, so no medical or EPCIS logic is on the consensus classpath through it. Rules over the main
 * classes; the graph is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares what it
 * uses is checked by the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoConsensusOrAbove = noClasses().that().resideInAPackage("org.careledger.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.consensus..", "org.careledger.client..", "org.careledger.node..",
                    "org.careledger.cli..", "org.careledger.bench..")
            .because("consensus and the node drive the ledger, not the reverse");

    @ArchTest
    static final ArchRule knowsNoContracts = noClasses().that().resideInAPackage("org.careledger.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.contracts..", "org.careledger.epcis..", "org.careledger.fhir..")
            .because("the ledger runs contracts through core's SPI; the node plugs them in");

    @ArchTest
    static final ArchRule knowsNoHttpOrRaft = noClasses().that().resideInAPackage("org.careledger.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "org.apache.ratis..")
            .because("serving and ordering belong to node and consensus");
}
