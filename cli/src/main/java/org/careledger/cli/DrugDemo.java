package org.careledger.cli;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.careledger.api.EventView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.client.CareledgerClient;
import org.careledger.client.GenesisNodes;
import org.careledger.client.TxSigner;
import org.careledger.client.drugs.DrugClient;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.contracts.supplychain.CaptureArgs;
import org.careledger.contracts.supplychain.EventOutcome;
import org.careledger.contracts.supplychain.RecallLot;
import org.careledger.contracts.supplychain.RegisterCompanyPrefix;
import org.careledger.contracts.supplychain.SupplyEventArgs;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.epcis.gs1.CompanyPrefix;
import org.careledger.epcis.gs1.Gtin;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * The drug supply chain part of the demo, on a running network that has a manufacturer, a distributor and a
 * pharmacy: 1,000 packs commissioned in two lots, packed into 20 cases, shipped and received (custody moves only
 * when the receiver signs), some dispensed; then a cloned serial, an unknown serial and a second dispensing are
 * caught, and a lot recall blocks dispensing. Members act for their orgs; they are registered first with
 * certificates from the orgs' CAs in the network directory. Each run uses fresh serials, so it can be repeated.
 */
public final class DrugDemo {
    static final int PACKS = 1_000;
    static final int PER_CASE = 50;
    static final int PER_TX = 100;
    static final String DEMO_PREFIX = "0614141";

    private final SecureRandom random = new SecureRandom();
    private final String number;
    private int step;

    /** The drug demo on its own: steps numbered 1., 2., …. */
    public DrugDemo() {
        this("");
    }

    /** The drug demo as step {@code number} of a longer transcript: sub-steps numbered "8.1", "8.2", …. */
    public DrugDemo(String number) {
        this.number = number;
    }

    /** A member acting for one org. */
    private record Actor(String org, TxSigner signer) {
        String id() {
            return signer.signerId();
        }
    }

    public void run(CareledgerClient client, NetworkLayout layout, Genesis genesis, PrintStream out) {
        GenesisOrg maker = withRole(genesis, "manufacturer");
        GenesisOrg wholesaler = withRole(genesis, "distributor");
        GenesisOrg chemist = withRole(genesis, "pharmacy");
        Optional<GenesisOrg> authority = genesis.orgs().stream().filter(o -> o.roles().contains("authority")).findFirst();
        DrugClient api = new DrugClient(client);
        byte[] runBytes = new byte[2];
        random.nextBytes(runBytes);
        String run = HexFormat.of().withUpperCase().formatHex(runBytes);
        long firstHeight = client.health().height() + 1;

        step = 0;
        step(out, "Trading partners: " + maker.id() + " (manufacturer) → " + wholesaler.id() + " (distributor) → "
                + chemist.id() + " (pharmacy)");
        CompanyPrefix prefix = companyPrefix(client, layout, genesis, maker, authority, out);
        Actor line = member(client, layout, genesis, maker, "line-" + run.toLowerCase(Locale.ROOT), "packaging");
        Actor warehouse = member(client, layout, genesis, wholesaler, "warehouse-" + run.toLowerCase(Locale.ROOT),
                "warehouse");
        Actor pharmacist = member(client, layout, genesis, chemist, "pharmacist-" + run.toLowerCase(Locale.ROOT),
                "pharmacist");
        out.println("   members registered by their org admins: " + line.id() + ", " + warehouse.id() + ", "
                + pharmacist.id());

        Gtin gtin = Gtin.fromEpcFields(prefix, "0" + "4".repeat(Math.max(0, 12 - prefix.length())));
        LocalDate today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate();
        String lotA = "A" + run;
        String lotB = "B" + run;
        List<String> packs = new ArrayList<>(PACKS);
        for (int i = 1; i <= PACKS; i++) {
            packs.add(new Sgtin(gtin, "D" + run + "-" + String.format("%04d", i)).withCompanyPrefix(prefix).toEpcUri());
        }
        List<String> lotAPacks = packs.subList(0, 800);
        List<String> lotBPacks = packs.subList(800, PACKS);

        step(out, line.id() + " commissions " + PACKS + " packs of GTIN " + gtin + " (lot " + lotA + ": 800,"
                + " lot " + lotB + ": 200), " + PACKS / PER_TX + " transactions in one batch");
        List<TxEnvelope> txs = new ArrayList<>();
        for (int i = 0; i < PACKS; i += PER_TX) {
            boolean a = i < 800;
            txs.add(line.signer().sign("supplychain", "commission", args(packs.subList(i, i + PER_TX), null, null,
                    a ? lotA : lotB, today.plusYears(a ? 2 : 1).toString())));
        }
        timed(out, "committed", () -> all(client.submitBatch(txs, Wait.COMMIT), "commission"));

        List<String> cases = new ArrayList<>();
        for (int c = 0; c < PACKS / PER_CASE; c++) {
            cases.add(sscc(prefix, run, c));
        }
        step(out, line.id() + " packs them into " + cases.size() + " cases of " + PER_CASE + " (SSCC "
                + cases.getFirst() + " …)");
        List<TxEnvelope> packing = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            packing.add(line.signer().sign("supplychain", "pack", args(packs.subList(c * PER_CASE, (c + 1) * PER_CASE),
                    cases.get(c), null, null, null)));
        }
        timed(out, "committed", () -> all(client.submitBatch(packing, Wait.COMMIT), "pack"));

        step(out, "Custody moves only when both halves are signed: ship by " + maker.id() + ", receive by "
                + wholesaler.id());
        SubmitResponse shipped = ok(client, line, "ship", args(cases, null, wholesaler.id(), null, null));
        out.println("   shipped " + cases.size() + " cases (" + count(shipped) + " objects) in block " + shipped.height()
                + "; " + maker.id() + " still owns them while they travel");
        SubmitResponse wrongReceiver = submit(client, pharmacist, "receive", args(cases.subList(0, 1), null, null, null,
                null));
        out.println("   " + chemist.id() + " tries to receive a case shipped to " + wholesaler.id() + ": "
                + wrongReceiver.errorCode() + ", refused and recorded as suspect");
        SubmitResponse received = ok(client, warehouse, "receive", args(cases, null, null, null, null));
        out.println("   " + warehouse.id() + " received them in block " + received.height() + ": custody is now "
                + wholesaler.id() + "'s");

        List<String> toPharmacy = List.of(cases.get(0), cases.get(1), cases.get(16), cases.get(17));
        step(out, wholesaler.id() + " ships 4 cases (2 of lot " + lotA + ", 2 of lot " + lotB + ") to "
                + chemist.id() + ", which receives and opens them");
        ok(client, warehouse, "ship", args(toPharmacy, null, chemist.id(), null, null));
        ok(client, pharmacist, "receive", args(toPharmacy, null, null, null, null));
        for (String c : toPharmacy) {
            ok(client, pharmacist, "unpack", args(List.of(), c, null, null, null));
        }
        List<String> dispensed = lotAPacks.subList(0, 25);
        ok(client, pharmacist, "dispense", args(dispensed, null, null, null, null));
        out.println("   " + pharmacist.id() + " dispensed " + dispensed.size() + " packs after verifying them");

        step(out, "The ledger catches fraud (rejected events are kept as suspect events for the authority)");
        EventOutcome clone = captureOne(client, line, new SupplyEventArgs("commission", List.of(packs.get(42)), null,
                null, null, lotA, today.plusYears(2).toString(), null, null));
        out.println("   a second pack printed with serial " + serial(packs.get(42)) + ": " + describe(clone));
        String counterfeit = new Sgtin(gtin, "FAKE" + run).withCompanyPrefix(prefix).toEpcUri();
        DrugVerification unknown = api.verify(counterfeit);
        out.println("   a pharmacist scans a pack with serial " + serial(counterfeit) + ": " + unknown.verdict() + " — "
                + unknown.reason());
        EventOutcome fake = captureOne(client, pharmacist, event("dispense", counterfeit));
        out.println("   trying to dispense it anyway: " + describe(fake));
        EventOutcome twice = captureOne(client, pharmacist, event("dispense", dispensed.getFirst()));
        out.println("   dispensing pack " + serial(dispensed.getFirst()) + " a second time: " + describe(twice));

        step(out, maker.id() + " recalls lot " + lotB + "; the pharmacy can no longer dispense it");
        SubmitResponse recall = ok(client, line, "recallLot", new RecallLot(gtin.digits(), lotB,
                "demo: sterility not assured"));
        out.println("   lot " + lotB + " recalled in block " + recall.height() + " (one transaction, whatever the lot's"
                + " size)");
        String recalledPack = lotBPacks.get(10);
        EventOutcome blocked = captureOne(client, pharmacist, event("dispense", recalledPack));
        out.println("   dispensing pack " + serial(recalledPack) + " of lot " + lotB + ": " + describe(blocked));
        DrugVerification recalled = api.verify(recalledPack);
        out.println("   verify " + serial(recalledPack) + ": " + recalled.verdict() + " — " + recalled.reason());

        step(out, "A pharmacist verifies a pack: verdict, custody history, and proofs checked locally");
        String genuinePack = lotAPacks.get(30);
        DrugVerification v = api.verify(genuinePack);
        DrugTranscript.verification(out, v, DrugClient.checkProofs(v, GenesisNodes.fromGenesis(layout.genesis())));
        long[] nanos = new long[50];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            api.verify(lotAPacks.get(i * 7 % 800));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        out.printf("   %d more verifications over HTTP: p50 %.1f ms, p90 %.1f ms%n", nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6);
        DrugVerification spent = api.verify(dispensed.get(1));
        out.println("   a dispensed pack: " + spent.verdict() + " — " + spent.reason());

        int suspects = api.suspects(firstHeight, 1_000).size();
        out.println();
        out.println("   drug demo done: " + PACKS + " packs, " + cases.size() + " cases, " + dispensed.size()
                + " dispensed, " + suspects + " suspect events recorded for the authority");
        if (!"CLONED_SERIAL".equals(clone.code()) || !"UNKNOWN".equals(unknown.verdict())
                || !"LOT_RECALLED".equals(blocked.code()) || !"ALREADY_DISPENSED".equals(twice.code())
                || !"GENUINE".equals(v.verdict())) {
            throw new CareledgerException("DEMO_FAILED", "the drug demo did not see the outcomes it expects");
        }
    }

    // ---- setting up ----

    private static GenesisOrg withRole(Genesis genesis, String role) {
        return genesis.orgs().stream().filter(o -> o.roles().contains(role)).findFirst().orElseThrow(() ->
                new CareledgerException("DEMO_FAILED", "the drug demo needs an org with role " + role + " in genesis"
                        + " (e.g. network init --orgs acme=manufacturer@" + DEMO_PREFIX + ",wholesale=distributor,"
                        + "pharmacy-c)"));
    }

    /** The manufacturer's first genesis prefix; else one an authority registers for it now. */
    private CompanyPrefix companyPrefix(CareledgerClient client, NetworkLayout layout, Genesis genesis,
                                        GenesisOrg maker, Optional<GenesisOrg> authority, PrintStream out) {
        if (!maker.companyPrefixes().isEmpty()) {
            out.println("   " + maker.id() + " holds GS1 company prefix " + maker.companyPrefixes().getFirst()
                    + " (from genesis)");
            return CompanyPrefix.of(maker.companyPrefixes().getFirst());
        }
        GenesisOrg regulator = authority.orElseThrow(() -> new CareledgerException("DEMO_FAILED", maker.id()
                + " has no GS1 company prefix and there is no authority to register one; create the network with"
                + " --orgs " + maker.id() + "=manufacturer@" + DEMO_PREFIX + ",…"));
        TxSigner admin = new TxSigner(genesis.chainId(), regulator.adminId(), KeyFiles.readSigner(layout.adminKey(regulator.id())));
        SubmitResponse r = client.submit(admin.sign("supplychain", "registerCompanyPrefix",
                new RegisterCompanyPrefix(maker.id(), DEMO_PREFIX)), Wait.COMMIT);
        if (!r.valid() && !"PREFIX_EXISTS".equals(r.errorCode())) {
            throw new CareledgerException("DEMO_FAILED", "cannot register company prefix " + DEMO_PREFIX + " for "
                    + maker.id() + ": " + r.errorCode() + ": " + r.message());
        }
        out.println("   " + regulator.adminId() + " registered GS1 company prefix " + DEMO_PREFIX + " to " + maker.id());
        return CompanyPrefix.of(DEMO_PREFIX);
    }

    private Actor member(CareledgerClient client, NetworkLayout layout, Genesis genesis, GenesisOrg org, String name,
                         String role) {
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(org.caCertificate()),
                KeyFiles.readSigner(layout.caKey(org.id())), random);
        Signer key = Ed25519Signer.generate(random);
        Instant now = Instant.now();
        String pem = Pem.encodeCertificate(ca.issue(new CertificateRequest(name, List.of(role), key.algorithm(),
                key.publicKey(), new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365))))));
        TxSigner admin = new TxSigner(genesis.chainId(), org.adminId(), KeyFiles.readSigner(layout.adminKey(org.id())));
        requireValid(client.submit(admin.sign("membership", "registerMember", new RegisterMember(name, pem)),
                Wait.COMMIT), "register " + org.id() + "/" + name);
        return new Actor(org.id(), new TxSigner(genesis.chainId(), org.id() + "/" + name, key));
    }

    private static String sscc(CompanyPrefix prefix, String run, int index) {
        int digits = 16 - prefix.length(); // serial reference after the extension digit
        long value = (Long.parseLong(run, 16) * 100 + index) % (long) Math.pow(10, digits);
        String reference = "0" + String.format("%0" + digits + "d", value);
        return Sscc.fromEpcUri("urn:epc:id:sscc:" + prefix.digits() + "." + reference).toEpcUri();
    }

    // ---- transactions ----

    private static SupplyEventArgs args(List<String> epcs, String container, String to, String lot, String expiry) {
        return new SupplyEventArgs(null, epcs, container, to, null, lot, expiry, null, null);
    }

    private static SupplyEventArgs event(String kind, String epc) {
        return new SupplyEventArgs(kind, List.of(epc), null, null, null, null, null, null, null);
    }

    private static SubmitResponse submit(CareledgerClient client, Actor who, String method, Object args) {
        return client.submit(who.signer().sign("supplychain", method, args), Wait.COMMIT);
    }

    private static SubmitResponse ok(CareledgerClient client, Actor who, String method, Object args) {
        return requireValid(submit(client, who, method, args), method + " by " + who.id());
    }

    /** Sends one event through {@code capture}, so a rejection is kept as a suspect event; returns its outcome. */
    private static EventOutcome captureOne(CareledgerClient client, Actor who, SupplyEventArgs event) {
        SubmitResponse r = ok(client, who, "capture", new CaptureArgs(List.of(event)));
        for (EventView e : r.events()) {
            if (e.type().equals("CaptureEventAccepted") || e.type().equals("CaptureEventRejected")) {
                return CanonicalJson.decode(CanonicalJson.encode(e.data()), EventOutcome.class);
            }
        }
        throw new CareledgerException("DEMO_FAILED", "capture by " + who.id() + " reported no outcome");
    }

    private static SubmitResponse requireValid(SubmitResponse r, String what) {
        if (!r.valid()) {
            throw new CareledgerException("DEMO_FAILED", what + " was not applied: " + r.status() + " "
                    + r.errorCode() + ": " + r.message());
        }
        return r;
    }

    private static void all(List<SubmitResponse> responses, String what) {
        responses.forEach(r -> requireValid(r, what));
    }

    private static int count(SubmitResponse r) {
        return r.events().stream().filter(e -> e.data() != null && e.data().has("changed"))
                .mapToInt(e -> e.data().get("changed").asInt()).sum();
    }

    private static void timed(PrintStream out, String what, Runnable action) {
        long t = System.nanoTime();
        action.run();
        out.printf("   %s in %d ms%n", what, (System.nanoTime() - t) / 1_000_000);
    }

    private static String describe(EventOutcome o) {
        return o.accepted() ? "accepted (!)" : "rejected " + o.code() + (o.suspect() ? ", recorded as suspect" : "")
                + " — " + o.message();
    }

    private static String serial(String epcUri) {
        return epcUri.substring(epcUri.lastIndexOf('.') + 1);
    }

    private void step(PrintStream out, String title) {
        ++step;
        out.println();
        out.println((number.isEmpty() ? step + ". " : number + "." + step + " ") + title);
    }
}
