package org.careledger.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * storage (RocksDB column families) sits below the ledger: it knows core (and may know crypto), nothing above.
 * Rules over the main classes; the graph is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each
 * module declares what it uses is checked by the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNothingAbove = noClasses().that().resideInAPackage("org.careledger.storage..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.contracts..", "org.careledger.epcis..", "org.careledger.fhir..",
                    "org.careledger.ledger..", "org.careledger.consensus..", "org.careledger.client..",
                    "org.careledger.node..", "org.careledger.cli..", "org.careledger.bench..")
            .because("storage sits below the ledger");
}
