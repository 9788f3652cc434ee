package org.careledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * api is the wire format node and SDK share: records and (de)serialization helpers over core, crypto (the record
 * sealing format) and JSON, and two ledger value records served verbatim in drug answers. It knows neither side, so
 * the node never depends on the SDK and the SDK never on the node. The graph is in docs/ARCHITECTURE.md.
 */
@AnalyzeClasses(packages = "org.careledger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule dependsOnCoreCryptoAndJsonOnly = classes().that().resideInAPackage("org.careledger.api..")
            .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "core, crypto, JSON, the JDK or SuspectRecord/EventOutcome", c ->
                            c.getPackageName().startsWith("java.")
                            || c.getPackageName().startsWith("org.careledger.api")
                            || c.getPackageName().startsWith("org.careledger.core")
                            || c.getPackageName().startsWith("org.careledger.crypto")
                            || c.getPackageName().startsWith("com.fasterxml.jackson")
                            || c.getFullName().equals("org.careledger.contracts.supplychain.SuspectRecord")
                            || c.getFullName().equals("org.careledger.contracts.supplychain.EventOutcome")))
            .because("the wire types carry no node, ledger, contract or SDK logic");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.api.(*)..")
            .should().beFreeOfCycles();
}
