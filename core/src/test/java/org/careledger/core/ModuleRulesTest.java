package org.careledger.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * core is the bottom of the graph: schema, hashing, Merkle log and the contract SPI. Rules over the main
 * classes; the graph is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares what it
 * uses is checked by the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoOtherModule = noClasses().that().resideInAPackage("org.careledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.crypto..", "org.careledger.storage..", "org.careledger.contracts..",
                    "org.careledger.epcis..", "org.careledger.fhir..", "org.careledger.ledger..",
                    "org.careledger.consensus..", "org.careledger.client..", "org.careledger.node..",
                    "org.careledger.cli..", "org.careledger.bench..")
            .because("every other module builds on core");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.core.(*)..")
            .should().beFreeOfCycles();
}
