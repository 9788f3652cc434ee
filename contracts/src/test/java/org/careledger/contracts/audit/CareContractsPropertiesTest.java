package org.careledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.consent.LimitConsent;
import org.careledger.contracts.consent.RevokeConsent;
import org.careledger.contracts.records.CareRoles;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.WriteRecord;
import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;

/**
 * Random histories of registrations, writes, amendments, erasures, grants, limits, revocations, reads and reviews:
 * replaying one gives the same bytes, every access decision agrees with an oracle that reads the patient's whole
 * grant history, and no blob is ever attached twice or after its purge.
 */
class CareContractsPropertiesTest {
    private static final String[] PATIENTS = {"p-alice01", "p-bob0001", "p-carol01"};
    private static final String[] TYPES = {"Observation", "Condition", "Immunization"};
    private static final String[] GRANTEES = {"hospital-a", "hospital-b", "lab-c", "hospital-b/dr-ng", "hospital-b/er-doc"};

    /** Few purposes, so that grants and reads meet often; the other codes are covered by the unit tests. */
    private static final String[] PURPOSES = {"TREAT", "ETREAT", "HRESCH"};
    /** The world's provider orgs (hospital or lab): the only orgs whose clinicians break the glass. */
    private static final Set<String> PROVIDER_ORGS = Set.of("hospital-a", "hospital-b", "lab-c");
    private static final int WRITE = 0, AMEND = 1, ERASE = 2, GRANT = 3, REVOKE = 4, LIMIT = 5, READ = 6, REVIEW = 7,
            NEXT_BLOCK = 8;

    /** One step of a history; the numbers pick the operation and its targets. */
    record Step(int op, int a, int b, int c, int d) {}

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> op = Arbitraries.frequency(
                Tuple.of(2, WRITE), Tuple.of(1, AMEND), Tuple.of(1, ERASE), Tuple.of(4, GRANT), Tuple.of(1, REVOKE),
                Tuple.of(1, LIMIT), Tuple.of(6, READ), Tuple.of(1, REVIEW), Tuple.of(2, NEXT_BLOCK));
        Arbitrary<Step> step = Combinators.combine(op, n, n, n, n).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 40)
    void replayingAHistoryGivesTheSameBytes(@ForAll("histories") List<Step> steps) {
        byte[] first = new History(steps).run().snapshot();
        byte[] second = new History(steps).run().snapshot();
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 60)
    void decisionsFollowConsentAndErasureAndBlobsLiveOnce(@ForAll("histories") List<Step> steps) {
        History h = new History(steps);
        h.checking = true;
        h.run();
    }

    /** Interprets steps against a fresh world; with {@code checking}, asserts the invariants after each step. */
    private static final class History {
        private final List<Step> steps;
        private final CareWorld w = new CareWorld();
        private final FakeLedger ledger = w.ledger;
        private final List<String> records = new ArrayList<>();
        private final List<String> grants = new ArrayList<>();
        private final List<String> accesses = new ArrayList<>();
        private final Set<Hash> everAttached = new HashSet<>();
        private final Set<Hash> purged = new HashSet<>();
        private final Identity[] writers;
        private final Identity[] readers;
        private final Identity[] patients = new Identity[PATIENTS.length];
        private boolean checking;
        private int counter;

        History(List<Step> steps) {
            this.steps = steps;
            writers = new Identity[] {w.drLee, w.nurseKim, w.drNg, w.labTech, w.clerkA};
            // emergency roles that membership refuses now, as if registered before it did: break-glass must deny them
            w.org("insurer-e", "insurer");
            Identity insurerEr = w.member("insurer-e/er", "emergency", "physician");
            Identity clerkEr = w.member("hospital-b/clerk-er", "emergency", "billing");
            readers = new Identity[] {w.drLee, w.nurseKim, w.drNg, w.drPark, w.erDocB, w.labTech, w.clerkA, w.adminA,
                    insurerEr, clerkEr};
        }

        FakeLedger run() {
            for (int i = 0; i < PATIENTS.length; i++) {
                patients[i] = w.patient(PATIENTS[i]);
            }
            Identity[] authors = {w.drLee, w.drNg, w.labTech};
            for (int i = 0; i < PATIENTS.length; i++) {
                for (int t = 0; t < TYPES.length; t++) {
                    String id = "r-" + i + t;
                    assertThat(submit(ledger.run(w.records, authors[(i + t) % authors.length], "writeRecord",
                            w.recordArgs(id, PATIENTS[i], TYPES[t])))).isTrue();
                    records.add(id);
                }
            }
            for (Step s : steps) {
                apply(s);
            }
            return ledger;
        }

        private void apply(Step s) {
            String id = "x-" + (++counter);
            switch (s.op()) {
                case WRITE -> {
                    Identity author = writers[s.a() % writers.length];
                    if (submit(ledger.run(w.records, author, "writeRecord",
                            w.recordArgs(id, PATIENTS[s.b() % PATIENTS.length], TYPES[s.c() % TYPES.length])))) {
                        records.add(id);
                    }
                }
                case AMEND -> {
                    RecordMeta prev = w.meta(pick(records, s.a()));
                    WriteRecord amend = new WriteRecord(id, prev.patientId(), prev.recordType(), CareWorld.blob("ct/" + id),
                            10L, CareWorld.blob("keys/" + id), prev.recordId(), null);
                    if (submit(ledger.run(w.records, writers[s.b() % writers.length], "writeRecord", amend))) {
                        records.add(id);
                    }
                }
                case ERASE -> {
                    RecordMeta r = w.meta(pick(records, s.a()));
                    Identity signer = switch (s.b() % 4) {
                        case 0 -> ledger.identity("patient/" + r.patientId());
                        case 1 -> w.adminA;
                        case 2 -> w.drLee;
                        default -> patients[s.c() % patients.length];
                    };
                    submit(ledger.run(w.records, signer, "eraseRecord", new EraseRecord(r.recordId(), null, "req-" + id)));
                }
                case GRANT -> {
                    int p = s.a() % PATIENTS.length;
                    Identity signer = s.b() % 5 == 0 ? patients[(p + 1) % patients.length] : patients[p];
                    List<String> types = new ArrayList<>();
                    for (int t = 0; t < TYPES.length; t++) {
                        if ((s.d() >> t & 1) == 1) {
                            types.add(TYPES[t]);
                        }
                    }
                    List<String> ids = (s.d() >> 3 & 1) == 1 && !records.isEmpty() ? List.of(pick(records, s.c())) : List.of();
                    Long expires = s.d() % 3 == 0 ? null : ledger.time() + (s.d() % 3) * 1000L;
                    String purpose = PURPOSES[(s.b() / 5) % PURPOSES.length];
                    if (submit(ledger.run(w.consent, signer, "grant", w.grantArgs(id, PATIENTS[p],
                            GRANTEES[s.c() % GRANTEES.length], types, ids, purpose, expires)))) {
                        grants.add(id);
                    }
                }
                case REVOKE -> {
                    if (!grants.isEmpty()) {
                        ConsentGrant g = w.grantState(pick(grants, s.a()));
                        submit(ledger.run(w.consent, ledger.identity("patient/" + g.patientId()), "revoke",
                                new RevokeConsent(g.grantId())));
                    }
                }
                case LIMIT -> {
                    if (!grants.isEmpty()) {
                        ConsentGrant g = w.grantState(pick(grants, s.a()));
                        List<String> types = g.recordTypes().isEmpty() ? null : g.recordTypes().subList(0, s.b() % g.recordTypes().size());
                        Long expires = s.c() % 2 == 0 ? null : ledger.time() + 500L * (1 + s.d() % 4);
                        submit(ledger.run(w.consent, ledger.identity("patient/" + g.patientId()), "limit",
                                new LimitConsent(g.grantId(), types, null, expires, null)));
                    }
                }
                case READ -> {
                    Identity reader = readers[s.a() % readers.length];
                    String recordId = pick(records, s.b());
                    String purpose = PURPOSES[s.c() % PURPOSES.length];
                    if (s.d() % 2 == 1 && !grants.isEmpty()) {
                        // aim at a grant: one of its holders reads one of its patient's records for its purpose
                        ConsentGrant g = w.grantState(pick(grants, s.a()));
                        List<Identity> holders = new ArrayList<>();
                        for (Identity r : readers) {
                            if (r.id().equals(g.grantee()) || r.org().equals(g.grantee())) {
                                holders.add(r);
                            }
                        }
                        List<String> own = records.stream().filter(r -> w.meta(r).patientId().equals(g.patientId())).toList();
                        reader = holders.get(s.b() % holders.size());
                        recordId = own.get(s.c() % own.size());
                        purpose = g.purpose();
                        if (s.c() % 4 == 0 && g.expiresAtMillis() != null && g.expiresAtMillis() > ledger.time()) {
                            ledger.nextBlock(g.expiresAtMillis() - ledger.time()); // read exactly at expiry
                        }
                    }
                    String reason = s.d() % 3 == 0 ? "emergency" : null;
                    RecordMeta before = w.meta(recordId);
                    FakeLedger.Outcome o = w.read(reader, id, recordId, purpose, reason);
                    assertThat(o.ok()).as("a well-formed read always commits: %s", o.error()).isTrue();
                    accesses.add(id);
                    if (checking) {
                        checkDecision(w.disclosure(id), before, reader, reason);
                    }
                }
                case REVIEW -> {
                    if (!accesses.isEmpty()) {
                        submit(ledger.run(w.access, s.b() % 2 == 0 ? w.auditorA : w.auditorB, "reviewBreakGlass",
                                new ReviewBreakGlass(pick(accesses, s.a()), "JUSTIFIED", null)));
                    }
                }
                // time moves on a 500 ms grid, as do expiries, so reads land exactly on expiry boundaries
                default -> ledger.nextBlock(s.a() % 3 * 500L);
            }
        }

        private boolean submit(FakeLedger.Outcome o) {
            if (checking) {
                for (Hash h : o.attached()) {
                    assertThat(everAttached.add(h)).as("blob %s attached twice", h).isTrue();
                }
                for (Hash h : o.purged()) {
                    assertThat(everAttached).as("purged blob %s was attached", h).contains(h);
                    purged.add(h);
                }
            }
            return o.ok();
        }

        /** The oracle: recomputes the decision from the patient's whole grant history, not the active index. */
        private void checkDecision(Disclosure d, RecordMeta record, Identity reader, String reason) {
            boolean grantMatches = ledger.keys("patient-grants/" + record.patientId() + "/").stream()
                    .map(k -> w.grantState(k.substring(k.lastIndexOf('/') + 1)))
                    .anyMatch(g -> matches(g, record, reader, d.purpose()));
            String expected;
            String denial = null;
            boolean clinician = PROVIDER_ORGS.contains(reader.org())
                    && (reader.hasRole("physician") || reader.hasRole("nurse") || reader.hasRole("practitioner"));
            if (record.erased() || reader.kind() != Identity.Kind.MEMBER) {
                expected = "DENIED";
                denial = record.erased() ? "RECORD_ERASED" : "SIGNER_NOT_MEMBER";
            } else if (grantMatches) {
                expected = "GRANT";
            } else if (record.authorOrg().equals(reader.org())) {
                expected = "OWN_ORG";
            } else if (reason == null) {
                expected = "DENIED";
                denial = "NO_CONSENT";
            } else if (!reader.hasRole(CareRoles.EMERGENCY)) {
                expected = "DENIED";
                denial = "BREAK_GLASS_NOT_PERMITTED";
            } else if (!clinician) {
                expected = "DENIED";
                denial = "BREAK_GLASS_NOT_CLINICIAN";
            } else if (!d.purpose().equals("TREAT") && !d.purpose().equals("ETREAT")) {
                expected = "DENIED";
                denial = "BREAK_GLASS_NOT_TREATMENT";
            } else {
                expected = "BREAK_GLASS";
            }
            assertThat(d.decision()).as("read of %s by %s", record.recordId(), reader.id()).isEqualTo(expected);
            if (expected.equals("GRANT")) {
                assertThat(matches(w.grantState(d.grantId()), record, reader, d.purpose())).isTrue();
            }
            assertThat(d.granted()).isEqualTo(!expected.equals("DENIED"));
            assertThat(d.denialReason()).as("denial of %s by %s", record.recordId(), reader.id()).isEqualTo(denial);
            assertThat(ledger.has("review/" + record.authorOrg() + "/" + d.accessId())).isEqualTo(expected.equals("BREAK_GLASS"));
            assertThat(purged.contains(Hash.fromHex(record.ciphertextSha256()))).isEqualTo(record.erased());
        }

        private boolean matches(ConsentGrant g, RecordMeta record, Identity reader, String purpose) {
            boolean inForce = g.revokedAtMillis() == null
                    && (g.expiresAtMillis() == null || g.expiresAtMillis() > ledger.time());
            boolean holder = g.granteeKind().equals(ConsentGrant.MEMBER) ? g.grantee().equals(reader.id())
                    : g.grantee().equals(reader.org());
            boolean covers = g.recordIds().contains(record.recordId()) || g.recordTypes().contains(record.recordType());
            return inForce && holder && covers && g.purpose().equals(purpose);
        }

        private static String pick(List<String> list, int n) {
            return list.get(n % list.size());
        }
    }
}
