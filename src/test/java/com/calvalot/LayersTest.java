package com.calvalot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Les paquets sont des couches lues de haut en bas, sans cycle (README, « Development » : ce que
 * chacun possède et ce qu'il peut utiliser). Un nouvel import qui referme un cycle, ou une couche
 * basse qui importe un flux, casse le build ici, avec la liste des dépendances en cause.
 */
@AnalyzeClasses(packages = "com.calvalot", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    /** Les fondations et le monde extérieur : ils ne savent rien des flux qui les utilisent. */
    static final String[] LOW = {"com.calvalot.money..", "com.calvalot.json..", "com.calvalot.time..",
            "com.calvalot.db..", "com.calvalot.config..", "com.calvalot.metrics..", "com.calvalot.exchange..",
            "com.calvalot.market.."};

    /** Les flux : le poll du leader, le trading, les alertes, l'API, l'exploitation, la mise en route. */
    static final String[] FLOWS = {"com.calvalot.leader..", "com.calvalot.trade..", "com.calvalot.alert..",
            "com.calvalot.api..", "com.calvalot.ops..", "com.calvalot.setup..", "com.calvalot.advisor.."};

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("com.calvalot.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule lowLayersNeverImportFlows = noClasses().that().resideInAnyPackage(LOW)
            .should().dependOnClassesThat().resideInAnyPackage(FLOWS);
}
