package org.careledger.contracts.publichealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.careledger.contracts.StandardContracts;
import org.careledger.contracts.audit.AccessKeys;
import org.careledger.contracts.audit.Disclosure;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.contract.Identity;
import org.careledger.core.publichealth.Cell;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.Suppression;
import org.careledger.core.publichealth.Trigger;
import org.careledger.core.publichealth.TriggerList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every transition of contract {@code publichealth}, valid and invalid, on an in-memory ledger. */
class PublicHealthContractTest {
    private static final long HOUR = 3_600_000L;
    private final CareWorld care = new CareWorld();
    private final FakeLedger ledger = care.ledger;
    private final PublicHealthContract health = new PublicHealthContract();
    private Identity epi;
    private Identity otherAuthority;
    private final String patientId = "p-health01";
    private int blobs;

    @BeforeEach
    void world() {
        care.org("health-dept", "authority");
        care.org("state-lab", "authority");
        epi = care.member("health-dept/epi", "epidemiologist");
        otherAuthority = care.member("state-lab/epi", "epidemiologist");
        care.patient(patientId);
    }

    private String blob() {
        return CareWorld.blob("health-blob-" + blobs++);
    }

    private static TriggerList list(int version, long from, Trigger... more) {
        List<Trigger> all = new ArrayList<>(List.of(new Trigger(TriggerList.SNOMED, "840539006", "covid-19"),
                new Trigger(TriggerList.LOINC, "94531-1", "covid-19")));
        all.addAll(Arrays.asList(more));
        return new TriggerList(version, from, all);
    }

    private FakeLedger.Outcome run(Identity signer, String method, Object args) {
        return ledger.run(health, signer, method, args);
    }

    private void ok(Identity signer, String method, Object args) {
        ledger.ok(health, signer, method, args);
    }

    /** v1 from the past, epoch 1 to both hospitals. */
    private void ready() {
        ok(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(1, 0)));
        ok(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-a", blob()));
        ok(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-b", blob()));
    }

    private HealthArgs.SubmitReport report(String reportId, String recordId) {
        return new HealthArgs.SubmitReport(reportId, patientId, recordId, 1, 1,
                new Cell("covid-19", "2023-W46", "zip3-021").commitment(new byte[32]), blob(), blob());
    }

    @Test
    void theNetworkRunsPublicHealth() {
        assertThat(StandardContracts.all()).anyMatch(c -> c.name().equals(PublicHealthContract.NAME));
    }

    @Test
    void triggerListsArePublishedByTheAuthorityInVersionOrderNeverRetroactively() {
        assertThat(run(care.drLee, "publishTriggers", new HealthArgs.PublishTriggers(list(1, 0))).code())
                .isEqualTo("HEALTH_NOT_AUTHORITY");
        assertThat(run(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(2, 0))).code())
                .isEqualTo("HEALTH_TRIGGERS_VERSION_INVALID");
        assertThat(run(epi, "publishTriggers", new HealthArgs.PublishTriggers(new TriggerList(1, 0, List.of(
                new Trigger("http://example.org", "1", "x"))))).code()).isEqualTo("HEALTH_TRIGGERS_INVALID");
        assertThat(run(epi, "publishTriggers", new HealthArgs.PublishTriggers(null)).code())
                .isEqualTo("HEALTH_TRIGGERS_INVALID");
        ok(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(1, 0)));
        assertThat(run(otherAuthority, "publishTriggers", new HealthArgs.PublishTriggers(list(2, ledger.time() + HOUR)))
                .code()).isEqualTo("HEALTH_NOT_AUTHORITY");
        assertThat(run(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(2, ledger.time() - 1))).code())
                .as("retroactive").isEqualTo("HEALTH_TRIGGERS_VERSION_INVALID");
        ok(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(2, ledger.time() + HOUR,
                new Trigger(TriggerList.SNOMED, "14189004", "measles"))));
        assertThat(ledger.keys(HealthKeys.TRIGGERS)).hasSize(2);
    }

    @Test
    void linkageKeysGoToProvidersPerEpochAndRotate() {
        assertThat(run(care.drLee, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-a", blob())).code())
                .isEqualTo("HEALTH_NOT_AUTHORITY");
        assertThat(run(epi, "distributeKey", new HealthArgs.DistributeKey(2, "hospital-a", blob())).code())
                .isEqualTo("HEALTH_EPOCH_INVALID");
        assertThat(run(epi, "distributeKey", new HealthArgs.DistributeKey(0, "hospital-a", blob())).code())
                .isEqualTo("HEALTH_EPOCH_INVALID");
        assertThat(run(epi, "distributeKey", new HealthArgs.DistributeKey(1, "pharmacy-d", blob())).code())
                .as("not a reporting provider").isEqualTo("HEALTH_ORG_INVALID");
        assertThat(run(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-a", "nothex")).code())
                .isEqualTo("HEALTH_HASH_INVALID");
        ok(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-a", blob()));
        assertThat(run(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-a", blob())).code())
                .isEqualTo("HEALTH_EPOCH_INVALID");
        assertThat(run(otherAuthority, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-b", blob())).code())
                .isEqualTo("HEALTH_NOT_AUTHORITY");
        ok(epi, "distributeKey", new HealthArgs.DistributeKey(1, "lab-c", blob()));
        ok(epi, "distributeKey", new HealthArgs.DistributeKey(2, "hospital-a", blob()));
        assertThat(ledger.read(HealthKeys.epoch(), HealthStates.Epoch.class).epoch()).isEqualTo(2);
        assertThat(run(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-b", blob())).code())
                .as("an old epoch").isEqualTo("HEALTH_EPOCH_INVALID");
    }

    @Test
    void aCaseReportIsADisclosureWithPurposePubhlthAndNeedsNoConsent() {
        ready();
        care.record(care.drLee, "cond-1", patientId, "Condition");
        var o = ledger.ok(health, care.drLee, "submitReport", report("rep-1", "cond-1"));
        assertThat(o.attached()).hasSize(2);
        HealthStates.CaseReport stored = ledger.read(HealthKeys.report("rep-1"), HealthStates.CaseReport.class);
        assertThat(stored.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(stored.authorityOrg()).isEqualTo("health-dept");
        assertThat(stored.reporterOrg()).isEqualTo("hospital-a");
        Disclosure d = care.disclosure("rep-1");
        assertThat(d.purpose()).isEqualTo("PUBHLTH");
        assertThat(d.decision()).isEqualTo("PUBLIC_HEALTH");
        assertThat(d.granted()).isTrue();
        assertThat(d.accessorOrg()).isEqualTo("health-dept");
        assertThat(ledger.keys(AccessKeys.patientDisclosures(patientId))).hasSize(1);
        // nothing but ids, hashes and the commitment: no condition in clear
        assertThat(new String(ledger.get(HealthKeys.report("rep-1")).orElseThrow())).doesNotContain("covid");
    }

    @Test
    void aReportNeedsAFindingOfTheReportersOwnOrgUnderTheListInForceAndTheCurrentKey() {
        care.record(care.drLee, "cond-early", patientId, "Condition");
        ledger.nextBlock(HOUR);
        assertThat(run(care.drLee, "submitReport", report("rep-0", "cond-early")).code())
                .as("no key distributed, no list").isIn("HEALTH_TRIGGERS_NOT_IN_FORCE", "HEALTH_KEY_NOT_HELD");
        ok(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(1, ledger.time())));
        ok(epi, "distributeKey", new HealthArgs.DistributeKey(1, "hospital-a", blob()));
        assertThat(run(care.drLee, "submitReport", report("rep-0", "cond-early")).code())
                .as("written before any list").isEqualTo("HEALTH_TRIGGERS_NOT_IN_FORCE");
        ledger.nextBlock(HOUR);
        care.record(care.drLee, "cond-1", patientId, "Condition");
        care.record(care.drLee, "enc-1", patientId, "Encounter");
        care.record(care.drNg, "cond-b", patientId, "Condition");
        care.record(care.labTech, "obs-lab", patientId, "Observation");
        assertThat(run(care.pharmacist, "submitReport", report("rep-1", "cond-1")).code())
                .isEqualTo("HEALTH_NOT_REPORTER");
        assertThat(run(care.drLee, "submitReport", report("rep-1", "enc-1")).code()).isEqualTo("HEALTH_RECORD_INVALID");
        assertThat(run(care.drLee, "submitReport", report("rep-1", "cond-b")).code())
                .as("another org's record").isEqualTo("HEALTH_RECORD_INVALID");
        assertThat(run(care.drLee, "submitReport", report("rep-1", "nope")).code()).isEqualTo("HEALTH_RECORD_INVALID");
        assertThat(run(care.drNg, "submitReport", report("rep-1", "cond-b")).code())
                .as("hospital-b has no key").isEqualTo("HEALTH_KEY_NOT_HELD");
        assertThat(run(care.labTech, "submitReport", report("rep-1", "obs-lab")).code())
                .isEqualTo("HEALTH_KEY_NOT_HELD");
        HealthArgs.SubmitReport r = report("rep-1", "cond-1");
        assertThat(run(care.drLee, "submitReport", new HealthArgs.SubmitReport("rep-1", patientId, "cond-1", 2, 1,
                r.cellCommitment(), blob(), blob())).code()).isEqualTo("HEALTH_TRIGGERS_NOT_IN_FORCE");
        assertThat(run(care.drLee, "submitReport", new HealthArgs.SubmitReport("rep-1", patientId, "cond-1", 1, 2,
                r.cellCommitment(), blob(), blob())).code()).isEqualTo("HEALTH_EPOCH_INVALID");
        assertThat(run(care.drLee, "submitReport", new HealthArgs.SubmitReport("rep-1", patientId, "cond-1", 1, 1,
                "XYZ", blob(), blob())).code()).isEqualTo("HEALTH_HASH_INVALID");
        assertThat(run(care.drLee, "submitReport", new HealthArgs.SubmitReport("bad/id", patientId, "cond-1", 1, 1,
                r.cellCommitment(), blob(), blob())).code()).isEqualTo("HEALTH_ID_INVALID");
        ok(care.drLee, "submitReport", r);
        assertThat(run(care.nurseKim, "submitReport", report("rep-2", "cond-1")).code())
                .as("one report per record").isEqualTo("HEALTH_REPORT_EXISTS");
        care.record(care.drLee, "cond-2", patientId, "Condition");
        assertThat(run(care.drLee, "submitReport", report("rep-1", "cond-2")).code()).isEqualTo("HEALTH_REPORT_EXISTS");
        ok(care.drLee, "submitReport", report("rep-2", "cond-2"));
        // an erased record is not reported
        care.record(care.drLee, "cond-3", patientId, "Condition");
        ledger.ok(care.records, care.adminA, "eraseRecord", new EraseRecord("cond-3", "wrong patient", "ticket-1"));
        assertThat(run(care.drLee, "submitReport", report("rep-3", "cond-3")).code()).isEqualTo("HEALTH_RECORD_INVALID");
    }

    @Test
    void theListInForceIsTheOneWhenTheRecordWasWritten() {
        ready();
        ok(epi, "publishTriggers", new HealthArgs.PublishTriggers(list(2, ledger.time() + HOUR)));
        care.record(care.drLee, "cond-v1", patientId, "Condition");
        ledger.nextBlock(2 * HOUR);
        care.record(care.drLee, "cond-v2", patientId, "Condition");
        ok(care.drLee, "submitReport", report("rep-v1", "cond-v1"));
        assertThat(run(care.drLee, "submitReport", report("rep-v2", "cond-v2")).code())
                .isEqualTo("HEALTH_TRIGGERS_NOT_IN_FORCE");
        HealthArgs.SubmitReport v2 = report("rep-v2", "cond-v2");
        ok(care.drLee, "submitReport", new HealthArgs.SubmitReport("rep-v2", patientId, "cond-v2", 2, 1,
                v2.cellCommitment(), blob(), blob()));
    }

    @Test
    void theAuthorityAnswersEachReportOnceAfterAtMostOneRequestForMore() {
        ready();
        care.record(care.drLee, "cond-1", patientId, "Condition");
        ok(care.drLee, "submitReport", report("rep-1", "cond-1"));
        assertThat(run(care.drLee, "respond", new HealthArgs.Respond("rep-1", ReportStatus.REPORTABLE, null, null))
                .code()).isEqualTo("HEALTH_NOT_AUTHORITY");
        assertThat(run(otherAuthority, "respond", new HealthArgs.Respond("rep-1", ReportStatus.REPORTABLE, null, null))
                .code()).as("another authority").isEqualTo("HEALTH_NOT_AUTHORITY");
        assertThat(run(epi, "respond", new HealthArgs.Respond("nope", ReportStatus.REPORTABLE, null, null)).code())
                .isEqualTo("HEALTH_REPORT_UNKNOWN");
        assertThat(run(epi, "respond", new HealthArgs.Respond("rep-1", ReportStatus.SUBMITTED, null, null)).code())
                .isEqualTo("HEALTH_RESPONSE_INVALID");
        assertThat(run(epi, "respond", new HealthArgs.Respond("rep-1", null, null, null)).code())
                .isEqualTo("HEALTH_RESPONSE_INVALID");
        assertThat(run(epi, "respond", new HealthArgs.Respond("rep-1", ReportStatus.NEEDS_INFO, blob(), null)).code())
                .isEqualTo("HEALTH_HASH_INVALID");
        ok(epi, "respond", new HealthArgs.Respond("rep-1", ReportStatus.NEEDS_INFO, blob(), blob()));
        assertThat(run(epi, "respond", new HealthArgs.Respond("rep-1", ReportStatus.NEEDS_INFO, null, null)).code())
                .isEqualTo("HEALTH_RESPONSE_INVALID");
        ok(epi, "respond", new HealthArgs.Respond("rep-1", ReportStatus.REPORTABLE, null, null));
        assertThat(run(epi, "respond", new HealthArgs.Respond("rep-1", ReportStatus.NOT_REPORTABLE, null, null))
                .code()).isEqualTo("HEALTH_RESPONSE_INVALID");
        assertThat(ledger.keys(HealthKeys.REPORTABLE)).hasSize(1);
    }

    @Test
    void anAggregateCountsExactlyTheReportableReportsOfItsPeriodAndKeepsTheSuppressionRule() {
        ready();
        long start = ledger.time();
        for (int i = 0; i < 14; i++) {
            care.record(care.drLee, "cond-" + i, patientId, "Condition");
            ok(care.drLee, "submitReport", report("rep-" + i, "cond-" + i));
            ok(epi, "respond", new HealthArgs.Respond("rep-" + i, i == 13 ? ReportStatus.NOT_REPORTABLE
                    : ReportStatus.REPORTABLE, null, null));
        }
        ledger.nextBlock(HOUR);
        long end = ledger.time();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            ids.add("rep-" + i);
        }
        // 13 cases: 12 in one area, 1 in another → the 1 is hidden with complements
        PublishedTable table = Suppression.apply("covid-19", List.of("2023-W46"), List.of("zip3-021", "zip3-022"),
                new int[][] {{12, 1}});
        assertThat(table.cells().get(0).get(1)).isNull();
        PublishedTable leaky = new PublishedTable("covid-19", List.of("2023-W46"), List.of("zip3-021", "zip3-022"),
                List.of(Arrays.asList(12, null)), List.of(13), Arrays.asList(12, null), 13);
        assertThat(run(care.drLee, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids, 13,
                List.of(table), blob())).code()).isEqualTo("HEALTH_NOT_AUTHORITY");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids, 13,
                List.of(leaky), blob())).code()).isEqualTo("HEALTH_SUPPRESSION_VIOLATED");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids.subList(1, 13),
                12, List.of(table), blob())).code()).as("one dropped").isEqualTo("HEALTH_AGGREGATE_INCOMPLETE");
        List<String> withRejected = new ArrayList<>(ids);
        withRejected.add("rep-13");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, withRejected, 13,
                List.of(table), blob())).code()).as("a NOT_REPORTABLE one").isEqualTo("HEALTH_AGGREGATE_INCOMPLETE");
        List<String> twice = new ArrayList<>(ids);
        twice.add("rep-0");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, twice, 13,
                List.of(table), blob())).code()).isEqualTo("HEALTH_AGGREGATE_INCOMPLETE");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids, 14,
                List.of(table), blob())).code()).isEqualTo("HEALTH_AGGREGATE_INVALID");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", end, start, ids, 13,
                List.of(table), blob())).code()).isEqualTo("HEALTH_AGGREGATE_INVALID");
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids, 13,
                List.of(table, table), blob())).code()).isEqualTo("HEALTH_AGGREGATE_INVALID");
        ok(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids, 13, List.of(table),
                blob()));
        assertThat(run(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-1", start, end, ids, 13,
                List.of(table), blob())).code()).isEqualTo("HEALTH_AGGREGATE_EXISTS");
        // an empty period publishes nothing
        ok(epi, "publishAggregate", new HealthArgs.PublishAggregate("agg-empty", start - 2, start - 1, List.of(), 0, List.of(),
                blob()));
        // audit shares go to another consortium org, once
        assertThat(run(epi, "shareAudit", new HealthArgs.ShareAudit("nope", "hospital-b", blob())).code())
                .isEqualTo("HEALTH_AGGREGATE_UNKNOWN");
        assertThat(run(epi, "shareAudit", new HealthArgs.ShareAudit("agg-1", "nobody", blob())).code())
                .isEqualTo("HEALTH_ORG_INVALID");
        assertThat(run(otherAuthority, "shareAudit", new HealthArgs.ShareAudit("agg-1", "hospital-b", blob())).code())
                .isEqualTo("HEALTH_NOT_AUTHORITY");
        ok(epi, "shareAudit", new HealthArgs.ShareAudit("agg-1", "hospital-b", blob()));
        assertThat(run(epi, "shareAudit", new HealthArgs.ShareAudit("agg-1", "hospital-b", blob())).code())
                .isEqualTo("HEALTH_AGGREGATE_EXISTS");
    }

    @Test
    void anUnknownMethodIsRefused() {
        assertThat(run(epi, "forget", new HealthArgs.Respond("x", null, null, null)).code()).isEqualTo("METHOD_UNKNOWN");
    }
}
