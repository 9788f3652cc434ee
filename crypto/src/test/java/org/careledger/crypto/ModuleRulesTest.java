package org.careledger.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * crypto (signatures, certificates, envelopes) is built on core alone. Rules over the main classes; the graph
 * is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares what it uses is checked by
 * the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.crypto", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsOnlyCore = noClasses().that().resideInAPackage("org.careledger.crypto..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.storage..", "org.careledger.contracts..", "org.careledger.epcis..",
                    "org.careledger.fhir..", "org.careledger.ledger..", "org.careledger.consensus..",
                    "org.careledger.client..", "org.careledger.node..", "org.careledger.cli..",
                    "org.careledger.bench..")
            .because("crypto is built on core alone");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.crypto.(*)..")
            .should().beFreeOfCycles();
}
