package org.careledger.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * node (process wiring, REST API) is below the CLI and the benchmarks. Rules over the main classes; the graph
 * is in docs/ARCHITECTURE.md ("Modules and dependencies"); that each module declares what it uses is checked by
 * the dependency plugin in verify.
 */
@AnalyzeClasses(packages = "org.careledger.node", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule knowsNoCli = noClasses().that().resideInAPackage("org.careledger.node..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.careledger.cli..", "org.careledger.bench..")
            .because("the CLI and the benchmarks start nodes, not the reverse");

    @ArchTest
    static final ArchRule knowsNoSdk = noClasses().that().resideInAPackage("org.careledger.node..")
            .should().dependOnClassesThat().resideInAPackage("org.careledger.client..")
            .because("node and SDK share only the wire types of careledger-api; the SDK is a client of the node");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.careledger.node.(*)..")
            .should().beFreeOfCycles();
}
