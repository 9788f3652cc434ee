package org.careledger.epcis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * epcis (GS1 identifiers and EPCIS events) is built on core alone. Rules over the main classes; the graph is in
 * docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares what it uses is checked by the
 * dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.epcis", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsOnlyCore = noClasses().that().resideInAPackage("org.careledger.epcis..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.crypto..", "org.careledger.storage..", "org.careledger.contracts..",
                    "org.careledger.fhir..", "org.careledger.ledger..", "org.careledger.consensus..",
                    "org.careledger.client..", "org.careledger.node..", "org.careledger.cli..",
                    "org.careledger.bench..")
            .because("epcis is built on core alone");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.epcis.(*)..")
            .should().beFreeOfCycles();
}
