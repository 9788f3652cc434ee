package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.careledger.api.records.RecordSealer;
import org.careledger.api.records.SealedRecord;
import org.careledger.client.records.Author;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.envelope.KeyWrap;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.careledger.client.claims.ClaimsClient;
import org.careledger.client.publichealth.PublicHealthClient;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.publichealth.HealthStates;
import org.careledger.contracts.publichealth.ReportStatus;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.ServiceCode;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.publichealth.Trigger;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.client.research.ResearchClient;
import org.careledger.contracts.research.ResearchArgs;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.api.Wait;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.api.records.AccessResult;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.ReadmeExample;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.drugs.DrugClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.supplychain.RecallLot;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web explorer, pharmacy check and patient portal in a real headless Chromium (Debian's chromium and
 * chromedriver, driven by Selenium) against a real four-node Raft network: every data call the pages make is an
 * RFC 9421 request the browser signed with WebCrypto, so a page that shows ledger data is the proof that the node
 * accepted the browser's signatures. Proofs are checked by the page's own JavaScript; a tampered one must fail.
 *
 * <p>Screenshots go to {@code target/explorer-screenshots/}; with {@code -Dcareledger.writeScreenshots=true} also to
 * {@code docs/screenshots/} for the docs. Without a chromedriver on the PATH the tests are skipped (CI installs it:
 * {@code .ci/run}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserIT {
    private static final String A = "hospital-a";
    private static final String B = "hospital-b";
    private static final String ACME = "acme";
    private static final String PHARMACY = "pharmacy-c";
    /** A state health department that also runs the state's health plan: the insurer and the health authority. */
    private static final String STATE = "state-d";
    private static final List<String> ORGS = List.of(A, B, "acme=manufacturer+sponsor@0614141", PHARMACY,
            STATE + "=insurer+authority");
    private static final String GTIN = "10614141073464";
    private static final String PACK = "urn:epc:id:sgtin:0614141.107346.3001";
    private static final String RECALLED_PACK = "urn:epc:id:sgtin:0614141.107346.R7";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;
    static NetworkLayout layout;
    static Genesis genesis;
    static final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();
    static final ReadSession session = new ReadSession();
    static ReadmeExample.Seen seen;
    static AccessResult breakGlass;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String explorer;

    @BeforeAll
    static void start() {
        Optional<Path> driver = onPath("chromedriver");
        Optional<Path> chromium = onPath("chromium").or(() -> onPath("chromium-browser"));
        Assumptions.assumeTrue(driver.isPresent() && chromium.isPresent(), "chromium and chromedriver are not on the"
                + " PATH: skipping the browser tests (apt-get install chromium chromium-driver; CI's .ci/run does)");
        layout = new NetworkLayout(tmp.resolve("net"));
        genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options("careledger-explorer-it",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", CliRunner.freeBasePort(ORGS.size()), false,
                NodeConfig.RAFT));
        for (var org : genesis.orgs()) {
            nodes.put(org.id(), NodeAssembly.start(layout.org(org.id())));
        }
        awaitLeader();
        MemberCommand.add(layout, genesis, admin(A), A, "dr-ames", List.of("practitioner"));
        MemberCommand.add(layout, genesis, admin(B), B, "dr-lee", List.of("practitioner"));
        MemberCommand.add(layout, genesis, admin(B), B, "er-kim", List.of("practitioner", "emergency"));
        MemberCommand.add(layout, genesis, admin(A), A, "auditor-1", List.of("auditor"));
        CliIdentity erKim = CliIdentity.load(layout.root(), B + "/er-kim");
        // two packs of the manufacturer, one of a lot it then recalls
        TxSigner acme = new TxSigner(genesis.chainId(), ACME + "/admin", KeyFiles.readSigner(layout.adminKey(ACME)));
        EpcisCaptureReport commissioned = new DrugClient(admin(ACME)).captureEpcis(acme, """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-03-01T10:00:00Z",
                 "epcisBody": {"eventList": [
                   {"type": "ObjectEvent", "eventID": "urn:uuid:9d0c5a4e-0000-4000-8000-0000000000b1",
                    "eventTime": "2025-03-01T09:00:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "ADD",
                    "bizStep": "commissioning", "disposition": "active", "epcList": ["%s"],
                    "ilmd": {"cbvmda:lotNumber": "LOT-9", "cbvmda:itemExpirationDate": "2030-06-30"}},
                   {"type": "ObjectEvent", "eventID": "urn:uuid:9d0c5a4e-0000-4000-8000-0000000000b2",
                    "eventTime": "2025-03-01T09:05:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "ADD",
                    "bizStep": "commissioning", "disposition": "active", "epcList": ["%s"],
                    "ilmd": {"cbvmda:lotNumber": "LOT-R", "cbvmda:itemExpirationDate": "2030-06-30"}}]}}"""
                .formatted(PACK, RECALLED_PACK), null);
        assertThat(commissioned.accepted()).as(commissioned.toString()).isEqualTo(2);
        session.observe(commissioned.height());
        var recall = admin(ACME).submit(acme.sign("supplychain", "recallLot", new RecallLot(GTIN, "LOT-R",
                "sterility not assured")), Wait.COMMIT);
        assertThat(recall.code()).isEqualTo("VALID");
        session.observe(recall.height());
        // a patient, a record, consent to hospital B and Dr Lee's read there (the README's example) ...
        seen = ReadmeExample.run(layout.root(), nodes.get(A).apiUrl(), nodes.get(B).apiUrl(), tmp.resolve("wallet"),
                PACK);
        session.observe(seen.read().height());
        // ... then an emergency read at hospital B without consent: break-glass
        breakGlass = new RecordsClient(admin(B)).read(erKim.signer(), seen.recordId(), "ETREAT",
                "unconscious patient in the ED");
        assertThat(breakGlass.breakGlass()).isTrue();
        session.observe(breakGlass.height());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions");
        // the node certificate is issued by the consortium's org CA, which this throw-away browser does not trust
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        browser.manage().timeouts().scriptTimeout(WAIT);
        explorer = nodes.get(A).apiUrl() + "/explorer/";
        DomainData.create();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        nodes.values().forEach(NodeAssembly::close);
        nodes.clear();
    }

    @Test
    @Order(1)
    void aKeyThatIsNotTheIdentitysIsRefusedByTheNode() {
        signIn(A + "/admin", layout.adminKey(PHARMACY), null);
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#signin-status .error")));
        assertThat(status.getText()).contains("AUTH_INVALID");
        assertThat(browser.getCurrentUrl()).endsWith("#/signin");
    }

    @Test
    @Order(2)
    void aMemberSignsInAndTheDashboardShowsTheHeight() {
        long height = admin(A).health().height();
        signIn(A + "/admin", layout.adminKey(A), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        wait.until(d -> Long.parseLong(d.findElement(By.id("height")).getText()) >= height);
        assertThat(text("leader")).endsWith("/node");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#recent-blocks tbody tr")));
        screenshot("dashboard");
    }

    @Test
    @Order(3)
    void theSearchBoxFindsAnIdentityAndAnOrg() {
        search("hospital-b/dr-lee");
        wait.until(ExpectedConditions.textToBe(By.id("identity-id"), "hospital-b/dr-lee"));
        assertThat(browser.findElement(By.cssSelector("[data-field=roles]")).getText()).contains("practitioner");
        screenshot("identity");
        search("hospital-b");
        wait.until(ExpectedConditions.textToBe(By.id("org-id"), "hospital-b"));
    }

    @Test
    @Order(4)
    void aBlockPageShowsItsHeaderChecksAndTheCertificateByOrg() {
        long h = seen.read().height();
        admin(A).awaitFinal(h, WAIT);
        go("#/block/" + h);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("header-check"), "Certified"));
        List<WebElement> signers = browser.findElements(By.cssSelector("#signatures tbody tr"));
        assertThat(signers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#txs tbody tr"))).isNotEmpty();
        screenshot("block");
    }

    @Test
    @Order(5)
    void aTransactionsInclusionProofChecksOkInTheBrowserAndATamperedOneFails() {
        String txId = seen.read().txId();
        admin(A).awaitFinal(seen.read().height(), WAIT);
        go("#/tx/" + txId);
        wait.until(ExpectedConditions.textToBe(By.id("proof-result"), "OK"));
        assertThat(browser.findElement(By.id("proof-check")).getText())
                .contains("quorum certificate: genesis node signatures");
        assertThat(text("tx-code")).startsWith("VALID");
        screenshot("transaction");

        // one hash of the audit path changed: the path no longer leads to the certified log root
        WebElement json = browser.findElement(By.id("proof-json"));
        String proof = json.getAttribute("value");
        String first = proof.replaceAll("(?s).*\"path\": \\[\\s*\"([0-9a-f]{64})\".*", "$1");
        assertThat(first).hasSize(64);
        String tampered = proof.replace(first, (first.charAt(0) == '0' ? "1" : "0") + first.substring(1));
        browser.executeScript("arguments[0].value = arguments[1];", json, tampered);
        browser.findElement(By.id("check-proof")).click();
        wait.until(ExpectedConditions.textToBe(By.id("proof-result"), "FAILED"));
        List<WebElement> failed = browser.findElements(By.cssSelector("#proof-check li.bad"));
        assertThat(failed).singleElement().satisfies(li -> assertThat(li.getText())
                .startsWith("audit path leads to the header's log root").contains("which is not the certified root"));
        screenshot("transaction-tampered");
    }

    @Test
    @Order(6)
    void aPharmacistChecksAGenuineAnUnknownAndARecalledPack() {
        signIn(PHARMACY + "/admin", layout.adminKey(PHARMACY), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        // a pack's EPC URI typed into the search box opens the pharmacy check on it
        search(PACK);
        wait.until(ExpectedConditions.textToBe(By.id("verdict"), "GENUINE"));
        // a GS1 Digital Link as a phone camera reads it from the pack's 2D code
        checkPack("https://id.gs1.org/01/" + GTIN + "/21/3001", null, null);
        wait.until(ExpectedConditions.textToBe(By.id("verdict"), "GENUINE"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("custody-proofs"), "1 of 1 custody"));
        screenshot("pharmacy-genuine");
        checkPack(null, GTIN, "9999");
        wait.until(ExpectedConditions.textToBe(By.id("verdict"), "UNKNOWN"));
        screenshot("pharmacy-unknown");
        checkPack(null, GTIN, "R7");
        wait.until(ExpectedConditions.textToBe(By.id("verdict"), "RECALLED"));
        assertThat(text("reason")).isNotBlank();
        screenshot("pharmacy-recalled");
    }

    @Test
    @Order(7)
    void theCustodiansAuditorReviewsTheBreakGlassReadInTheBrowser() {
        signIn(A + "/auditor-1", layout.org(A).resolve("members/auditor-1.key"), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        go("#/audit");
        wait.until(ExpectedConditions.textToBe(By.id("review-count"), "1 pending."));
        assertThat(text("reviews")).contains("hospital-b/er-kim").contains(seen.recordId());
        screenshot("audit");
        browser.findElement(By.cssSelector("#reviews input.note")).sendKeys("ED admission, patient unconscious");
        browser.findElement(By.cssSelector("#reviews button.decide.JUSTIFIED")).click();
        wait.until(ExpectedConditions.textToBe(By.id("review-count"), "0 pending."));
        // the SDK sees the auditor's decision: the browser's transaction was the SDK's
        assertThat(new RecordsClient(admin(A)).reviewQueue(CliIdentity.load(layout.root(), A + "/auditor-1").signer(), A)
                .get("pending")).isEmpty();
    }

    @Test
    @Order(8)
    void thePatientSeesTheCliniciansReadAndTheBreakGlassReadFlagged() {
        Path wallet = tmp.resolve("wallet");
        signIn(null, wallet.resolve("signing.key"), wallet.resolve("patient.json"));
        wait.until(ExpectedConditions.urlContains("#/patient"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#disclosures li")));
        List<WebElement> items = browser.findElements(By.cssSelector("#disclosures li"));
        assertThat(items).anySatisfy(li -> {
            assertThat(li.getAttribute("data-decision")).isEqualTo("GRANT");
            assertThat(li.getText()).contains("hospital-b/dr-lee").contains("TREAT");
        });
        assertThat(items).anySatisfy(li -> {
            assertThat(li.getAttribute("data-decision")).isEqualTo("BREAK_GLASS");
            assertThat(li.getAttribute("class")).contains("flag");
            assertThat(li.getText()).contains("BREAK-GLASS").contains("hospital-b/er-kim")
                    .contains("unconscious patient in the ED").contains("auditor review: JUSTIFIED by hospital-a/auditor-1");
        });
        assertThat(browser.findElements(By.cssSelector("#grants tbody tr"))).hasSize(1);
        screenshot("patient");
        // the FHIR disclosure report is fetched (signed) and offered as a file
        browser.findElement(By.id("download-fhir")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fhir-link"))).getText())
                .matches("Save the FHIR report \\(Bundle of [1-9][0-9]* AuditEvents\\)");
        assertThat(browser.findElements(By.cssSelector("#view .error"))).isEmpty();
    }

    @Test
    @Order(9)
    void thePatientRevokesTheGrantWithATransactionSignedInTheBrowser() {
        browser.findElement(By.cssSelector("#grants button.revoke")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#grants .grant-state"), "revoked"));
        // the SDK reads the same revocation back: the browser's TxPayload and signature were accepted as the SDK's
        PatientWallet wallet = PatientWallet.open(tmp.resolve("wallet"));
        var grant = new ConsentClient(admin(B)).consents(wallet.signer(), wallet.patientId()).grants().getFirst();
        assertThat(grant.grantId()).isEqualTo(seen.grantId());
        assertThat(grant.revokedAtMillis()).isNotNull();
        assertThatThrownBy(() -> new RecordsClient(admin(B)).read(drLee().signer(), seen.recordId(), "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
        screenshot("patient-revoked");
    }

    @Test
    @Order(10)
    void theTrialsRegistryShowsAStudyAndItsOutcomeSwitching() {
        // the sponsor registers a trial, amends it to add an outcome and reports only that one: switched
        TxSigner sponsor = new TxSigner(genesis.chainId(), ACME + "/admin", KeyFiles.readSigner(layout.adminKey(ACME)));
        ResearchClient research = new ResearchClient(admin(ACME));
        Outcome hba1c = new Outcome("hba1c", OutcomeKind.PRIMARY, "HbA1c change at 24 weeks", "percent points");
        Outcome fpg = new Outcome("fpg", OutcomeKind.SECONDARY, "fasting plasma glucose", "mmol/L");
        String sha = "ab".repeat(32);
        research.register(sponsor, new ResearchArgs.Register("trial-web", "Drug X in type 2 diabetes", sha,
                "text/markdown; charset=UTF-8", sha, List.of(A), List.of(hba1c), 0));
        research.amend(sponsor, new ResearchArgs.Amend("trial-web", 2, "add fasting plasma glucose", "cd".repeat(32),
                null, null, List.of(hba1c, fpg), false));
        var results = research.results(sponsor, "trial-web", List.of(new ResearchArgs.OutcomeResult("fpg",
                "-1.1 mmol/L vs placebo", null)));
        session.observe(results.height());

        go("#/studies");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("studies"), "trial-web"));
        assertThat(text("studies")).contains("Drug X in type 2 diabetes", ACME, A, "v2");
        screenshot("studies");
        browser.findElement(By.cssSelector("#studies a[href='#/study/trial-web']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("switching"), "SWITCHED"));
        assertThat(text("primary-missing")).isEqualTo("hba1c");
        assertThat(text("late-outcomes")).contains("fpg (secondary) declared in version 2");
        assertThat(text("versions")).contains("changed: fpg");
        assertThat(text("results")).contains("-1.1 mmol/L vs placebo");
        assertThat(browser.findElements(By.cssSelector("#view .error"))).isEmpty();
        screenshot("study");
    }

    // ---- HPKE in the browser (records opened, granted, limited and erased in the patient portal) ----------------

    static String secondRecordId;
    static byte[] secondPlaintext;
    static String limitedGrantId;

    @Test
    @Order(11)
    void hpkeInteropJavaSealsTheBrowserOpensAndTheBrowserWrapsJavaUnwraps() {
        EncryptionKeyPair patientKey = EncryptionKeyPair.generate();
        byte[] plaintext = "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":7.4}}"
                .getBytes(StandardCharsets.UTF_8);
        SealedRecord sealed = RecordSealer.seal("r-interop", plaintext, Map.of("patient/p-interop",
                patientKey.publicKey()));
        String keyFile = "-----BEGIN CARELEDGER X25519 PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(patientKey.privateKey())
                + "\n-----END CARELEDGER X25519 PRIVATE KEY-----\n";
        EncryptionKeyPair javaReader = EncryptionKeyPair.generate();
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) browser.executeAsyncScript("""
                const [keyText, ct, bundle, javaPub, done] = arguments;
                Promise.all([import('./js/sealing.js'), import('./js/bytes.js')]).then(async ([s, b]) => {
                  const pair = await s.importEncryptionKey(keyText);
                  const plain = new TextDecoder().decode(await s.openRecord('r-interop', b.b64ToBytes(ct),
                    s.parseBundle(bundle), 'patient/p-interop', pair));
                  const wrappedForMe = b.b64ToBytes(s.parseBundle(bundle)['r-interop']['patient/p-interop']);
                  let otherRecord = 'opened';
                  try { await s.unwrapKey(wrappedForMe, pair, s.recordContext('r-other')); }
                  catch (e) { otherRecord = e.message; }
                  const dataKey = crypto.getRandomValues(new Uint8Array(32));
                  const wrapped = await s.wrapKey(dataKey, b.b64ToBytes(javaPub), s.recordContext('r-interop'));
                  return { plain, pub: b.bytesToB64(pair.publicBytes), dataKey: b.bytesToB64(dataKey),
                    wrapped: b.bytesToB64(wrapped), otherRecord };
                }).then(done, e => done({ error: String(e && e.stack || e) }));""", keyFile,
                Base64.getEncoder().encodeToString(sealed.ciphertext()),
                Base64.getEncoder().encodeToString(sealed.keysBlob()),
                Base64.getEncoder().encodeToString(javaReader.publicKey()));
        assertThat(out).doesNotContainKey("error");
        // Java -> browser: the record RecordSealer sealed opens in the page, with the wallet-format key file
        assertThat(out.get("plain")).isEqualTo(new String(plaintext, StandardCharsets.UTF_8));
        assertThat(Base64.getDecoder().decode((String) out.get("pub"))).isEqualTo(patientKey.publicKey());
        assertThat((String) out.get("otherRecord")).contains("does not open");
        // browser -> Java: a data key the page wrapped opens with KeyWrap.unwrap, for that record's context only
        byte[] wrapped = Base64.getDecoder().decode((String) out.get("wrapped"));
        byte[] context = "careledger/record/r-interop".getBytes(StandardCharsets.UTF_8);
        assertThat(KeyWrap.unwrap(wrapped, javaReader, context))
                .isEqualTo(Base64.getDecoder().decode((String) out.get("dataKey")));
        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, javaReader,
                "careledger/record/r-other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("KEY_UNWRAP_FAILED"));
    }

    @Test
    @Order(12)
    void thePatientOpensARecordAndGrantsItInTheBrowserAndTheGranteesClinicianReadsIt() {
        signInWithWalletKey();
        wait.until(ExpectedConditions.urlContains("#/patient"));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#records button.open[data-record='" + seen.recordId() + "']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("record-plaintext"), "\"status\": \"final\""));
        assertThat(text("record-plaintext")).contains("\"resourceType\": \"Observation\"");
        screenshot("patient-record");
        // on a phone-sized screen the page fits the width: no sideways scrolling (wide tables scroll in place)
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.executeScript("document.getElementById('record-view').scrollIntoView()");
            wait.until(d -> (Boolean) browser.executeScript("const e = document.documentElement;"
                    + " return e.clientWidth < 500 && e.scrollWidth <= e.clientWidth;"));
            screenshot("patient-record-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }

        browser.findElement(By.id("grantee")).sendKeys(B);
        new Select(browser.findElement(By.id("grant-purpose"))).selectByValue("TREAT");
        browser.findElement(By.cssSelector("#grant-form input[name=grant-type][value=Observation]")).click();
        screenshot("patient-grant");
        browser.findElement(By.cssSelector("#grant-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grant-status"), "Granted: g-"));
        String grantId = text("grant-status").substring("Granted: ".length()).trim();

        // the SDK reads the browser's grant back, and hospital B's clinician reads the record with it
        PatientWallet wallet = PatientWallet.open(tmp.resolve("wallet"));
        var grant = grantOf(wallet, grantId);
        assertThat(grant.grantee()).isEqualTo(B);
        assertThat(grant.recordTypes()).containsExactly("Observation");
        assertThat(grant.purpose()).isEqualTo("TREAT");
        assertThat(grant.revokedAtMillis()).isNull();
        AccessResult read = new RecordsClient(admin(B)).read(drLee().signer(), seen.recordId(), "TREAT", null);
        assertThat(read.decision()).isEqualTo("GRANT");
        session.observe(read.height());
        assertThat(RecordsClient.open(read, B, KeyFiles.readEncryptionKey(layout.org(B).resolve("org/encryption.key"))))
                .isEqualTo(seen.plaintext());

        // the read is on the patient's timeline
        admin(A).health(); // node A has applied the read's block (read session) before the page asks it
        reloadPatientPage();
        wait.until(d -> d.findElements(By.cssSelector("#disclosures li[data-decision=GRANT]")).stream()
                .filter(li -> li.getText().contains("hospital-b/dr-lee")).count() == 2);
        assertThat(browser.findElements(By.cssSelector("#view .error"))).isEmpty();
    }

    @Test
    @Order(13)
    void aGrantLimitedInTheBrowserIsRefusedOutsideItsLimit() {
        PatientWallet wallet = PatientWallet.open(tmp.resolve("wallet"));
        secondPlaintext = "{\"resourceType\":\"Observation\",\"code\":{\"text\":\"HbA1c\"},\"valueQuantity\":{\"value\":6.1}}"
                .getBytes(StandardCharsets.UTF_8);
        CliIdentity drAmes = CliIdentity.load(layout.root(), A + "/dr-ames");
        Author author = new Author(drAmes.signer(), A, KeyFiles.readEncryptionKey(layout.org(A).resolve("org/encryption.key")));
        var written = new RecordsClient(admin(A)).writeRecord(author, wallet.patientId(),
                wallet.encryptionKey().publicKey(), "Observation", secondPlaintext, null, null);
        secondRecordId = written.recordId();
        session.observe(written.response().height());
        admin(A).health();
        reloadPatientPage();

        // grant both records for research, then limit the grant to the second one
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grantee"))).sendKeys(B);
        new Select(browser.findElement(By.id("grant-purpose"))).selectByValue("HRESCH");
        browser.findElement(By.cssSelector("#grant-form input[name=grant-record][value='" + seen.recordId() + "']")).click();
        browser.findElement(By.cssSelector("#grant-form input[name=grant-record][value='" + secondRecordId + "']")).click();
        browser.findElement(By.cssSelector("#grant-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grant-status"), "Granted: g-"));
        limitedGrantId = text("grant-status").substring("Granted: ".length()).trim();
        browser.findElement(By.cssSelector("#grants button.limit[data-grant='" + limitedGrantId + "']")).click();
        browser.findElement(By.cssSelector("form.limit-form[data-grant='" + limitedGrantId
                + "'] input[name=limit-record][value='" + seen.recordId() + "']")).click();
        screenshot("patient-limit");
        browser.findElement(By.cssSelector("form.limit-form[data-grant='" + limitedGrantId + "'] button[type=submit]")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form.limit-form")));

        var grant = grantOf(wallet, limitedGrantId);
        assertThat(grant.recordIds()).containsExactly(secondRecordId);
        assertThat(grant.limitedAtMillis()).isNotNull();
        RecordsClient records = new RecordsClient(admin(B));
        assertThatThrownBy(() -> records.read(drLee().signer(), seen.recordId(), "HRESCH", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
        AccessResult read = records.read(drLee().signer(), secondRecordId, "HRESCH", null);
        session.observe(read.height());
        assertThat(read.decision()).isEqualTo("GRANT");
        assertThat(RecordsClient.open(read, B, KeyFiles.readEncryptionKey(layout.org(B).resolve("org/encryption.key"))))
                .isEqualTo(secondPlaintext);
    }

    @Test
    @Order(14)
    void anErasureFromTheBrowserMakesTheRecordUnreadable() {
        admin(A).health();
        reloadPatientPage();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#records button.erase[data-record='" + secondRecordId + "']"))).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> d.findElements(By.cssSelector("#records button.erase[data-record='" + secondRecordId + "']")).isEmpty()
                && d.findElements(By.id("records")).size() == 1);
        assertThat(text("records")).contains("erased");
        screenshot("patient-erased");

        // the SDK sees the browser's erasure: the record is erased, a grant of only that record is revoked with it,
        // and a clinician's read gets the erased answer
        PatientWallet wallet = PatientWallet.open(tmp.resolve("wallet"));
        RecordsClient records = new RecordsClient(admin(B));
        assertThat(new RecordsClient(admin(A)).records(wallet.signer(), wallet.patientId()))
                .filteredOn(r -> r.recordId().equals(secondRecordId)).singleElement()
                .satisfies(r -> assertThat(r.erased()).isTrue());
        assertThat(grantOf(wallet, limitedGrantId).revokedAtMillis()).isNotNull();
        assertThatThrownBy(() -> records.read(drLee().signer(), secondRecordId, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("RECORD_ERASED"));
        // the patient's own ciphertext route answers the erased answer too, and never serves another org's member
        String base = "v1/patients/" + wallet.patientId() + "/records/";
        assertThatThrownBy(() -> new RecordsClient(admin(A)).as(wallet.signer()).getJson(base + secondRecordId + "/ciphertext"))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("RECORD_ERASED"));
        assertThatThrownBy(() -> records.as(drLee().signer()).getJson(base + seen.recordId() + "/ciphertext"))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        // the first record is untouched
        AccessResult read = records.read(drLee().signer(), seen.recordId(), "TREAT", null);
        session.observe(read.height());
        assertThat(read.decision()).isEqualTo("GRANT");
    }

    private static org.careledger.contracts.consent.ConsentGrant grantOf(PatientWallet wallet, String grantId) {
        return new ConsentClient(admin(B)).consents(wallet.signer(), wallet.patientId()).grants().stream()
                .filter(g -> g.grantId().equals(grantId)).findFirst().orElseThrow(() -> new AssertionError(grantId));
    }

    /** The patient signs in with the wallet's signing key, patient.json and encryption.key. */
    private static void signInWithWalletKey() {
        Path wallet = tmp.resolve("wallet");
        browser.get(explorer + "#/signin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signin")));
        browser.findElement(By.id("keyfile")).sendKeys(wallet.resolve("signing.key").toAbsolutePath().toString());
        browser.findElement(By.id("genesisfile")).sendKeys(layout.genesis().toAbsolutePath().toString());
        browser.findElement(By.id("walletinfo")).sendKeys(wallet.resolve("patient.json").toAbsolutePath().toString());
        browser.findElement(By.id("walletkey")).sendKeys(wallet.resolve("encryption.key").toAbsolutePath().toString());
        wait.until(d -> d.findElement(By.id("identity")).getAttribute("value").startsWith("patient/p-"));
        browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    }

    /** Renders the patient page again without reloading (a reload would sign out). */
    private static void reloadPatientPage() {
        String patientId = PatientWallet.open(tmp.resolve("wallet")).patientId();
        browser.executeScript("document.getElementById('view').replaceChildren();"
                + " location.hash = location.hash === '#/patient' ? '#/patient/' + arguments[0] : '#/patient'", patientId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("disclosures")));
    }

    // ---- claims and public health (orders 20-29): data from DomainData, created at the end of start() ----

    @Test
    @Order(20)
    void theInsurerSeesTheClaimsAndTheAdjudicationAndPaymentOfOne() {
        signIn(STATE + "/adjuster", layout.org(STATE).resolve("members/adjuster.key"), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        browser.findElement(By.cssSelector("nav a[href='#/claims']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claims-patient"))).sendKeys(DomainData.patientId);
        browser.findElement(By.cssSelector("#claims-patient-form button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("claims-count"), "2 claims you are a party to."));
        assertThat(text("claims")).contains("c-web-1", "c-web-2", "PAID", "SUBMITTED", "cov-web", A);
        screenshot("claims");

        browser.findElement(By.cssSelector("#claims a[href='#/claim/c-web-1']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("claim-status"), "Status: PAID"));
        WebElement adjudicated = browser.findElement(By.cssSelector("#claim-chain li[data-step=ADJUDICATED]"));
        assertThat(adjudicated.getAttribute("class")).contains("reached");
        assertThat(adjudicated.getText()).contains(DomainData.adjudicationId, "rules version 1", STATE + "/adjuster");
        WebElement paid = browser.findElement(By.cssSelector("#claim-chain li[data-step=PAID]"));
        assertThat(paid.getAttribute("class")).contains("reached", "current");
        assertThat(paid.getText()).contains("paid on 2025-06-20", "ERA-web-1");
        assertThat(browser.findElement(By.cssSelector("#claim-chain li[data-step=APPEALED]")).getAttribute("class"))
                .contains("not-reached");
        assertThat(text("party-provider")).isEqualTo(A);
        assertThat(text("party-insurer")).isEqualTo(STATE);
        assertThat(text("claim-lines")).contains(DomainData.billedRecordId);
        assertThat(browser.findElements(By.cssSelector("#commitments tbody tr"))).hasSize(3);
        assertThat(text("sealed-note")).contains("sealed", "careledger claim show");
        // the coverage (GET /v1/coverages/{id}) and the plan's public rules, the version in force at the service date
        wait.until(ExpectedConditions.textToBe(By.id("eligibility-answer"),
                "In force on 2025-06-02 under plan plan-web rules version 1."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-versions"), "in force on 2025-06-02"));
        assertThat(text("fee-schedule")).contains("http://snomed.info/sct|185349003", "USD 120.00");
        assertThat(browser.findElements(By.cssSelector("#view .error"))).isEmpty();
        screenshot("claim");
        // on a phone: nothing is wider than the screen (wide tables scroll within themselves)
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot("claim-phone");
            wait.until(d -> Boolean.TRUE.equals(browser.executeScript("return document.documentElement.scrollWidth"
                    + " <= document.documentElement.clientWidth")));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }

        // the search box opens a claim by id
        search("claim:c-web-2");
        wait.until(ExpectedConditions.textToBe(By.id("claim-status"), "Status: SUBMITTED"));
        assertThat(browser.findElement(By.cssSelector("#claim-chain li[data-step=ADJUDICATED]")).getAttribute("class"))
                .contains("not-reached");
    }

    @Test
    @Order(21)
    void aNonPartyOrgIsRefusedOnTheClaimPagesButReadsThePublicRules() {
        signIn(PHARMACY + "/admin", layout.adminKey(PHARMACY), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        go("#/claim/c-web-1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refused"), "FORBIDDEN"));
        assertThat(text("refused")).contains("Refused by the node", "not " + PHARMACY + "/admin");
        assertThat(browser.findElements(By.id("claim-status"))).isEmpty();
        assertThat(browser.findElements(By.id("claim-lines"))).isEmpty();
        screenshot("claim-refused");
        go("#/claims/" + DomainData.patientId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refused"), "FORBIDDEN"));
        assertThat(browser.findElements(By.id("claims"))).isEmpty();
        go("#/coverage/cov-web");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refused"), "FORBIDDEN"));
        // a plan's rules are a public price list
        go("#/plan/plan-web");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fee-schedule"), "185349003"));
    }

    @Test
    @Order(22)
    void theAuthoritySeesTheTriggersItsReportsAndAnAggregateWithSmallCellsSuppressed() {
        signIn(STATE + "/epi", layout.org(STATE).resolve("members/epi.key"), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        browser.findElement(By.cssSelector("nav a[href='#/health']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("triggers")));
        assertThat(text("triggers")).contains("febrile-illness", "8310-5");
        assertThat(text("trigger-versions")).contains("in force now");
        assertThat(text("count-REPORTABLE")).isEqualTo(String.valueOf(DomainData.REPORTABLE));
        assertThat(text("count-NOT_REPORTABLE")).isEqualTo("1");
        assertThat(text("report-count")).contains("received as the authority");
        assertThat(text("aggregates")).contains("agg-web", "febrile-illness");
        screenshot("health");

        browser.findElement(By.cssSelector("#aggregates a[href='#/health/aggregate/agg-web']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("aggregate-checks"),
                "hashes to the ledger's SHA-256 and has the same counts"));
        assertThat(browser.findElements(By.cssSelector("#aggregate-checks li.bad"))).isEmpty();
        assertThat(text("aggregate-cases")).isEqualTo(String.valueOf(DomainData.REPORTABLE));
        // the one case in the other area is a small cell: shown suppressed, never as a count
        List<WebElement> suppressed = browser.findElements(By.cssSelector("#table-0 td.suppressed"));
        assertThat(suppressed).isNotEmpty().allSatisfy(td -> assertThat(td.getText()).isEqualTo("suppressed"));
        List<Integer> published = browser.findElements(By.cssSelector("#table-0 td.count")).stream()
                .map(td -> Integer.parseInt(td.getText())).toList();
        assertThat(published).isNotEmpty().noneMatch(n -> n >= 1 && n <= 10).anyMatch(n -> n >= 11);
        screenshot("aggregate");
    }

    @Test
    @Order(23)
    void aReporterSeesTheReportabilityResponsesToItsReports() {
        signIn(A + "/dr-ames", layout.org(A).resolve("members/dr-ames.key"), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        go("#/health");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reports")));
        assertThat(text("report-count")).startsWith((DomainData.REPORTABLE + 1) + " reports your org (" + A + ") sent");
        assertThat(browser.findElements(By.cssSelector("#reports tbody tr"))).hasSize(DomainData.REPORTABLE + 1);
        assertThat(text("count-NOT_REPORTABLE")).isEqualTo("1");
        browser.executeScript("document.getElementById('report-count').scrollIntoView()");
        screenshot("health-reporter");
        go("#/health/report/" + DomainData.notReportableId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-response"), "NOT REPORTABLE"));
        assertThat(text("report-response")).contains("answered by " + STATE + "/epi");
        go("#/health/report/" + DomainData.reportableId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-response"), "REPORTABLE"));
        assertThat(text("report-response")).doesNotContain("NOT");
        screenshot("health-report");
        // the pharmacy is neither authority nor reporter: no report list, but the aggregate (members verify it)
        signIn(PHARMACY + "/admin", layout.adminKey(PHARMACY), null);
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        go("#/health/report/" + DomainData.reportableId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-refused"), "FORBIDDEN"));
        go("#/health/aggregate/agg-web");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("aggregate-checks"), "same counts"));
    }

    private static CliIdentity drLee() {
        return CliIdentity.load(layout.root(), B + "/dr-lee");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Signs in from the sign-in page with a key file (and a wallet's patient.json), loading genesis.json. */
    private static void signIn(String identity, Path keyFile, Path walletInfo) {
        browser.get(explorer + "#/signin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signin")));
        browser.findElement(By.id("keyfile")).sendKeys(keyFile.toAbsolutePath().toString());
        browser.findElement(By.id("genesisfile")).sendKeys(layout.genesis().toAbsolutePath().toString());
        WebElement id = browser.findElement(By.id("identity"));
        if (walletInfo != null) {
            browser.findElement(By.id("walletinfo")).sendKeys(walletInfo.toAbsolutePath().toString());
            wait.until(d -> d.findElement(By.id("identity")).getAttribute("value").startsWith("patient/p-"));
        } else {
            id.clear();
            id.sendKeys(identity);
        }
        screenshotOnce("signin", walletInfo != null);
        browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    }

    private static void checkPack(String barcode, String gtin, String serial) {
        WebElement pack = browser.findElement(By.id("pack"));
        pack.clear();
        browser.findElement(By.id("gtin")).clear();
        browser.findElement(By.id("serial")).clear();
        if (barcode != null) {
            pack.sendKeys(barcode);
        } else {
            browser.findElement(By.id("gtin")).sendKeys(gtin);
            browser.findElement(By.id("serial")).sendKeys(serial);
        }
        // the previous verdict goes away first, so the wait below sees this pack's
        browser.executeScript("document.getElementById('pack-result').replaceChildren()");
        browser.findElement(By.id("check-pack")).click();
    }

    private static void search(String query) {
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys(query);
        browser.findElement(By.cssSelector("#search button[type=submit]")).click();
    }

    private static void go(String hash) {
        browser.get(explorer + hash);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void screenshotOnce(String name, boolean now) {
        if (now) {
            screenshot(name);
        }
    }

    /** Into target/explorer-screenshots/, and docs/screenshots/ when asked to (-Dcareledger.writeScreenshots=true). */
    private static void screenshot(String name) {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Path target = Path.of("target", "explorer-screenshots");
            Files.createDirectories(target);
            Files.copy(png, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("careledger.writeScreenshots")) {
                Path docs = Path.of("..", "docs", "screenshots");
                Files.createDirectories(docs);
                Files.copy(png, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    /** The org's node, called as the org's admin, in the shared read session. */
    private static CareledgerClient admin(String org) {
        return new CareledgerClient(nodes.get(org).apiUrl(), session, NodeTrust.fromGenesis(layout.genesis()),
                new RequestSigner(org + "/admin", KeyFiles.readSigner(layout.adminKey(org))));
    }

    private static void awaitLeader() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> leaders = genesis.orgs().stream().map(o -> {
                try {
                    return admin(o.id()).health().leader();
                } catch (CareledgerException e) {
                    return null; // not up yet
                }
            }).filter(l -> l != null && !l.isEmpty()).toList();
            if (leaders.size() == ORGS.size() && leaders.stream().distinct().count() == 1) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no Raft leader known to all 4 nodes within 60 s");
    }

    /**
     * The claims and public-health data of tests 20-29, written through the SDK by the parties that own each step
     * (as ClaimsNetworkIT and PublicHealthNetworkIT do) before the browser reads it; node A (the explorer's) is then
     * awaited to the last write's height, so the pages never read older state.
     */
    private static final class DomainData {
        /** Reports answered REPORTABLE: eleven cases in one area and one in another (a small cell). */
        static final int REPORTABLE = 12;
        static String patientId;
        static String billedRecordId;
        static String adjudicationId;
        static String reportableId;
        static String notReportableId;

        private DomainData() {}

        static void create() {
            MemberCommand.add(layout, genesis, admin(STATE), STATE, "adjuster", List.of("claims"));
            MemberCommand.add(layout, genesis, admin(STATE), STATE, "epi", List.of("epidemiologist"));
            long last = Math.max(claims(), publicHealth());
            admin(A).awaitFinal(last, WAIT);
        }

        /** A patient of hospital-a insured by state-d: claim c-web-1 adjudicated and paid, c-web-2 submitted. */
        private static long claims() {
            CliIdentity drAmes = CliIdentity.load(layout.root(), A + "/dr-ames");
            TxSigner adjuster = CliIdentity.load(layout.root(), STATE + "/adjuster").signer();
            EncryptionKeyPair stateKey = KeyFiles.readEncryptionKey(layout.orgEncryptionKey(STATE));
            PatientWallet wallet = PatientWallet.create(tmp.resolve("wallet-claims"), genesis.chainId(),
                    new SecureRandom());
            patientId = wallet.patientId();
            RecordsClient records = new RecordsClient(admin(A));
            records.registerPatient(drAmes.signer(), wallet);
            List<String> encounters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                encounters.add(records.writeRecord(drAmes.author(), patientId, wallet.encryptionKey().publicKey(),
                        "Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"finished\"}"
                                .getBytes(StandardCharsets.UTF_8), null, null).recordId());
            }
            billedRecordId = encounters.getFirst();
            byte[] patientKey = ClaimsClient.newKey();
            ClaimsClient patientSide = new ClaimsClient(admin(B));
            patientSide.shareKey(wallet.signer(), patientId, patientKey, A, drAmes.requireOrgKey().publicKey());
            patientSide.shareKey(wallet.signer(), patientId, patientKey, STATE, stateKey.publicKey());
            ClaimsClient insurer = new ClaimsClient(admin(STATE));
            ServiceCode visit = new ServiceCode("http://snomed.info/sct", "185349003");
            BenefitRules rules = new BenefitRules("plan-web", 1, "2020-01-01", "USD",
                    new TreeMap<>(Map.of(visit.key(), 12_000L)), 50_000, 1_000, 2_000, List.of(), new TreeMap<>());
            insurer.publishRules(adjuster, rules);
            insurer.recordCoverage(adjuster, new ClaimArgs.RecordCoverage("cov-web", patientId, "plan-web",
                    "2020-01-01", "2030-12-31", "self"));
            Map<String, byte[]> readers = Map.of(A, drAmes.requireOrgKey().publicKey(), STATE, stateKey.publicKey(),
                    wallet.identityId(), wallet.encryptionKey().publicKey());
            ClaimsClient provider = new ClaimsClient(admin(A));
            ClaimContent first = visitClaim("c-web-1", "2025-06-02", encounters.get(0), visit);
            var submitted = provider.submitClaim(drAmes.signer(), first, patientKey, readers, null);
            ClaimsClient.Adjudicated adjudicated = insurer.adjudicate(adjuster, first, patientKey,
                    submitted.args().lines().stream().map(ClaimArgs.LineRef::fingerprint).toList(), rules,
                    Accumulators.NONE, Map.of(), null, readers);
            adjudicationId = adjudicated.adjudicationId();
            insurer.pay(adjuster, adjudicated, "2025-06-20", "ERA-web-1");
            return provider.submitClaim(drAmes.signer(), visitClaim("c-web-2", "2025-07-01", encounters.get(1), visit),
                    patientKey, readers, null).response().height();
        }

        private static ClaimContent visitClaim(String claimId, String day, String recordId, ServiceCode visit) {
            return new ClaimContent(claimId, patientId, "cov-web", A, day, "USD",
                    List.of(new ClaimLine(1, visit, 1, 15_000, recordId, null)), List.of(), 15_000, null);
        }

        /**
         * state-d's trigger list and linkage key; thirteen patients of hospital-a with a febrile-illness finding,
         * reported by the SDK as they are imported; twelve answered REPORTABLE (eleven in ZIP area 019, one in 021),
         * one NOT_REPORTABLE; the aggregate agg-web over them.
         */
        private static long publicHealth() {
            CliIdentity epi = CliIdentity.load(layout.root(), STATE + "/epi");
            CliIdentity drAmes = CliIdentity.load(layout.root(), A + "/dr-ames");
            PublicHealthClient authority = new PublicHealthClient(admin(STATE));
            authority.publishTriggers(epi.signer(), new TriggerList(1, 0, List.of(
                    new Trigger(TriggerList.LOINC, "8310-5", "febrile-illness"))));
            authority.distributeKey(epi.signer(), 1, PublicHealthClient.newLinkageKey(), A);
            RecordsClient records = new RecordsClient(admin(A));
            PublicHealthClient reporter = new PublicHealthClient(admin(A));
            records.withHook(reporter.hook(drAmes.author()));
            Map<String, String> lastPatient = new java.util.concurrent.ConcurrentHashMap<>();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<?>> imports = new ArrayList<>();
                for (int i = 0; i <= REPORTABLE; i++) {
                    int n = i;
                    imports.add(pool.submit(() -> {
                        PatientWallet w = PatientWallet.create(tmp.resolve("wallet-h" + n), genesis.chainId(),
                                new SecureRandom());
                        records.registerPatient(drAmes.signer(), w);
                        records.importBundle(drAmes.author(), w, febrilePatient(n, n == REPORTABLE - 1 ? "02139"
                                : "01945"));
                        if (n == REPORTABLE) {
                            lastPatient.put("id", w.patientId());
                        }
                        return null;
                    }));
                }
                for (var f : imports) {
                    f.get();
                }
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError("an import with its case report failed", e);
            }
            assertThat(reporter.failures()).isEmpty();
            List<HealthStates.CaseReport> reports = authority.reports(epi.signer(), ReportStatus.SUBMITTED);
            assertThat(reports).hasSize(REPORTABLE + 1);
            List<String> yes = reports.stream().filter(r -> !r.patientId().equals(lastPatient.get("id")))
                    .map(HealthStates.CaseReport::reportId).toList();
            notReportableId = reports.stream().filter(r -> r.patientId().equals(lastPatient.get("id"))).findFirst()
                    .orElseThrow().reportId();
            reportableId = yes.getFirst();
            authority.respond(epi.signer(), yes, ReportStatus.REPORTABLE);
            authority.respond(epi.signer(), notReportableId, ReportStatus.NOT_REPORTABLE);
            long end = reports.stream().mapToLong(HealthStates.CaseReport::reportedAtMillis).max().orElseThrow() + 1;
            return authority.publishAggregate(epi.author(), "agg-web", 0, end).response().height();
        }

        /** A Patient, an Encounter and a body-temperature Observation (LOINC 8310-5) in one week of 2026. */
        private static byte[] febrilePatient(int i, String zip) {
            var json = CanonicalJson.mapper();
            String n = String.format("%02d", i);
            String pid = "00000000-0000-4000-8000-0000000000" + n;
            String eid = "00000000-0000-4000-9000-0000000000" + n;
            String oid = "00000000-0000-4000-a000-0000000000" + n;
            String letter = String.valueOf((char) ('a' + i));
            ObjectNode bundle = json.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
            ArrayNode entry = bundle.putArray("entry");
            ObjectNode patient = json.createObjectNode().put("resourceType", "Patient").put("id", pid)
                    .put("gender", i % 2 == 0 ? "female" : "male").put("birthDate", "19" + (50 + i) + "-0"
                            + (1 + i % 9) + "-1" + (i % 10));
            patient.putArray("name").addObject().put("use", "official").put("family", "Webfeather" + letter)
                    .putArray("given").add("Ada" + letter);
            patient.putArray("address").addObject().put("city", "Harbor").put("state", "MA").put("postalCode", zip);
            ObjectNode encounter = json.createObjectNode().put("resourceType", "Encounter").put("id", eid)
                    .put("status", "finished");
            encounter.putObject("class").put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode")
                    .put("code", "AMB");
            encounter.putObject("subject").put("reference", "urn:uuid:" + pid);
            encounter.putObject("period").put("start", "2026-11-03T09:00:00Z").put("end", "2026-11-03T10:00:00Z");
            ObjectNode obs = json.createObjectNode().put("resourceType", "Observation").put("id", oid)
                    .put("status", "final");
            obs.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "8310-5");
            obs.putObject("subject").put("reference", "urn:uuid:" + pid);
            obs.putObject("encounter").put("reference", "urn:uuid:" + eid);
            obs.put("effectiveDateTime", "2026-11-03T09:30:00Z");
            obs.putObject("valueQuantity").put("value", 38.9).put("unit", "Cel")
                    .put("system", "http://unitsofmeasure.org").put("code", "Cel");
            for (var r : List.of(patient, encounter, obs)) {
                entry.addObject().put("fullUrl", "urn:uuid:" + r.get("id").asText()).set("resource", r);
            }
            return CanonicalJson.encode(bundle);
        }
    }
}
