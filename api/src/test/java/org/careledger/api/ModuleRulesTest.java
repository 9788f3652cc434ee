package org.careledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * api is the wire format node and SDK share: records and (de)serialization helpers over core, crypto (the record
 * sealing format) and JSON, and the ledger value records served verbatim in drug, disclosure and consent answers.
 * It knows neither side, so the node never depends on the SDK and the SDK never on the node. The graph is in
 * docs/ARCHITECTURE.md.
 */
@AnalyzeClasses(packages = "org.careledger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {
    /** The ledger value records answers carry as the ledger holds them (values only, no contract logic). */
    private static final java.util.Set<String> VERBATIM = java.util.Set.of(
            "org.careledger.contracts.supplychain.SuspectRecord", "org.careledger.contracts.supplychain.EventOutcome",
            "org.careledger.contracts.audit.Disclosure", "org.careledger.contracts.audit.BreakGlassReview",
            "org.careledger.contracts.consent.ConsentGrant");

    @ArchTest
    static final ArchRule dependsOnCoreCryptoAndJsonOnly = classes().that().resideInAPackage("org.careledger.api..")
            .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "core, crypto, JSON, the JDK or a ledger value record served verbatim", c ->
                            c.getPackageName().startsWith("java.")
                            || c.getPackageName().startsWith("org.careledger.api")
                            || c.getPackageName().startsWith("org.careledger.core")
                            || c.getPackageName().startsWith("org.careledger.crypto")
                            || c.getPackageName().startsWith("com.fasterxml.jackson")
                            || VERBATIM.contains(c.getFullName())))
            .because("the wire types carry no node, ledger, contract or SDK logic");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.api.(*)..")
            .should().beFreeOfCycles();
}
