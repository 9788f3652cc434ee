package org.careledger.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * contracts are deterministic domain logic on core, crypto and epcis, run through core's ContractContext. Rules
 * over the main classes; the graph is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module
 * declares what it uses is checked by the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoRuntime = noClasses().that().resideInAPackage("org.careledger.contracts..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.storage..", "org.careledger.ledger..", "org.careledger.consensus..",
                    "org.careledger.client..", "org.careledger.node..", "org.careledger.cli..",
                    "org.careledger.bench..", "org.careledger.fhir..")
            .because("contracts see only core's ContractContext; the ledger, consensus and node run them");

    @ArchTest
    static final ArchRule knowsNoHttpRocksDbOrRaft = noClasses().that().resideInAPackage("org.careledger.contracts..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "org.rocksdb..",
                    "org.apache.ratis..")
            .because("contracts are deterministic domain logic: no server, no store, no network");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.contracts.(*)..")
            // records names no other domain: what erasure does to consent is wired in StandardContracts
            .should().beFreeOfCycles();
}
