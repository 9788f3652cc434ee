package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.careledger.client.TxSigner;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.CertificateChainValidator;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.reads.ReadKind;
import org.careledger.node.reads.ReadLog;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.WriteSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without sockets: network init, verify, and how bad input is reported. */
class CliTest {
    private static final String ORGS = "hospital-a,hospital-b,pharmacy-c,insurer-d";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path tmp;

    private Path init(String name, int basePort) {
        Path net = tmp.resolve(name);
        CliRunner.Result r = CliRunner.run("network", "init", net, "--orgs", ORGS, "--base-port", basePort);
        assertThat(r.exitCode()).as(r.all()).isZero();
        return net;
    }

    @Test
    void networkInitWritesTheDocumentedLayout() throws IOException {
        Path net = tmp.resolve("net");
        CliRunner.Result r = CliRunner.run("network", "init", net, "--orgs", ORGS, "--base-port", 17100);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("careledger-local").contains("hospital-a").contains("https://127.0.0.1:17101")
                .contains("quorum 3 of 4");

        Genesis genesis = Genesis.read(net.resolve("genesis.json"));
        assertThat(genesis.chainId()).isEqualTo("careledger-local");
        assertThat(genesis.orgs()).extracting(GenesisOrg::id).containsExactly("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");
        assertThat(genesis.orgs()).extracting(o -> o.roles().get(0)).containsExactly("hospital", "hospital", "pharmacy", "insurer");
        NetworkLayout layout = new NetworkLayout(net);
        byte[] genesisBytes = Files.readAllBytes(layout.genesis());
        for (int i = 0; i < genesis.orgs().size(); i++) {
            GenesisOrg org = genesis.orgs().get(i);
            Path dir = layout.org(org.id());
            assertThat(org.node().apiPort()).isEqualTo(17100 + i + 1);
            assertThat(org.node().raftPort()).isEqualTo(17200 + i + 1);
            assertThat(Files.readAllBytes(dir.resolve("genesis.json"))).isEqualTo(genesisBytes);
            NodeConfig config = NodeConfig.read(dir);
            assertThat(config.orgId()).isEqualTo(org.id());
            assertThat(config.apiPort()).isEqualTo(org.node().apiPort());
            for (Path file : List.of(layout.caCert(org.id()), layout.caKey(org.id()), layout.adminCert(org.id()),
                    layout.adminKey(org.id()), layout.nodeCert(org.id()), layout.nodeKey(org.id()))) {
                assertThat(file).isRegularFile();
            }
            // genesis certificates are the ones on disk, and every key file holds the key of its certificate
            assertThat(Files.readString(layout.caCert(org.id()))).isEqualTo(org.caCertificate());
            assertThat(Files.readString(layout.adminCert(org.id()))).isEqualTo(org.adminCertificate());
            assertThat(Files.readString(layout.nodeCert(org.id()))).isEqualTo(org.nodeCertificate());
            var ca = Pem.decodeCertificate(org.caCertificate());
            CertificateInfo admin = CertificateChainValidator.validate(Pem.decodeCertificate(org.adminCertificate()), ca,
                    java.time.Instant.now());
            assertThat(admin.publicKey()).isEqualTo(KeyFiles.readSigner(layout.adminKey(org.id())).publicKey());
            CertificateInfo node = CertificateChainValidator.validate(Pem.decodeCertificate(org.nodeCertificate()), ca,
                    java.time.Instant.now());
            assertThat(node.publicKey()).isEqualTo(KeyFiles.readSigner(layout.nodeKey(org.id())).publicKey());
            OrgCertificateAuthority.of(ca, KeyFiles.readSigner(layout.caKey(org.id())), new java.security.SecureRandom());
        }
        // every private key, wherever it sits, is readable by its owner only
        List<Path> keys;
        try (Stream<Path> walk = Files.walk(net)) {
            keys = walk.filter(p -> p.getFileName().toString().endsWith(".key")).toList();
        }
        assertThat(keys).hasSizeGreaterThanOrEqualTo(12);
        for (Path key : keys) {
            assertThat(Files.getPosixFilePermissions(key)).as(key.toString()).isEqualTo(OWNER_ONLY);
        }
        // a ledger opens on it: genesis certificates chain to their CAs
        try (LedgerStore store = LedgerStore.open(tmp.resolve("probe"))) {
            Ledger.open(store, genesis, NodeAssembly.contracts());
        }
    }

    @Test
    void initRefusesToOverwriteWithoutForce() throws IOException {
        Path net = init("net", 17300);
        byte[] first = Files.readAllBytes(net.resolve("genesis.json"));
        CliRunner.Result again = CliRunner.run("network", "init", net, "--orgs", ORGS);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("NETWORK_EXISTS").contains("--force");
        assertThat(Files.readAllBytes(net.resolve("genesis.json"))).isEqualTo(first);
        CliRunner.Result forced = CliRunner.run("network", "init", net, "--orgs", "hospital-x,lab-y", "--force",
                "--chain-id", "other");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        Genesis g = Genesis.read(net.resolve("genesis.json"));
        assertThat(g.chainId()).isEqualTo("other");
        assertThat(g.orgs()).extracting(GenesisOrg::id).containsExactly("hospital-x", "lab-y");
        assertThat(net.resolve("pharmacy-c")).doesNotExist();
    }

    @Test
    void verifyPassesOnAGoodStoreAndFailsAfterTampering() throws IOException {
        Path net = init("net", 17400);
        Path nodeDir = net.resolve("hospital-a");
        Path data = nodeDir.resolve("data");
        writeChain(net, data, 6);

        for (Path target : List.of(net, nodeDir, data)) {
            CliRunner.Result ok = CliRunner.run("verify", target);
            assertThat(ok.exitCode()).as(ok.all()).isZero();
            assertThat(ok.out()).contains("verified 6 blocks, 12 transactions");
        }

        // logical tampering with valid checksums: a changed state value
        Path logical = copy(data, tmp.resolve("logical"));
        try (LedgerStore store = LedgerStore.open(logical)) {
            byte[] key = Keys.utf8("id/hospital-a/staff-3");
            byte[] v = store.get(Column.STATE, key).orElseThrow();
            v[10] ^= 0x01;
            store.write(new WriteSet().put(Column.STATE, key, v));
        }
        CliRunner.Result bad = CliRunner.run("verify", logical);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("FAILED VERIFY_FAILED").contains("column state").contains("id/hospital-a/staff-3");
        assertNoStackTrace(bad);

        // a flipped byte in a file: RocksDB's checksums catch it
        Path raw = copy(data, tmp.resolve("raw"));
        Path sst;
        try (Stream<Path> files = Files.list(raw)) {
            sst = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sst);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(sst, bytes);
        CliRunner.Result corrupt = CliRunner.run("verify", raw);
        assertThat(corrupt.exitCode()).isEqualTo(1);
        assertThat(corrupt.out()).contains("FAILED STORE_CORRUPTED");
        assertNoStackTrace(corrupt);

        // a network dir with one bad node fails as a whole but names only that node
        Path netCopy = copy(net, tmp.resolve("net-copy"));
        Path copiedSst = netCopy.resolve("hospital-a/data").resolve(sst.getFileName().toString());
        Files.write(copiedSst, bytes);
        CliRunner.Result mixed = CliRunner.run("verify", netCopy);
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.out()).contains("hospital-a").contains("FAILED STORE_CORRUPTED");
    }

    @Test
    void verifyChecksANodesConfigGenesisAndKeysAgainstGenesisAndNamesTheFile() throws Exception {
        Path net = init("files", 17800);
        Path nodeDir = net.resolve("hospital-a");
        writeChain(net, nodeDir.resolve("data"), 1);
        CliRunner.Result ok = CliRunner.run("verify", net);
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).contains(nodeDir + ": node files of hospital-a verified (node.json, genesis.json,"
                + " node/node.key, org/encryption.key)");

        // another org's node key in hospital-a's place: parses, but is not hospital-a's
        Path key = nodeDir.resolve("node/node.key");
        byte[] original = Files.readAllBytes(key);
        Files.write(key, Files.readAllBytes(net.resolve("hospital-b/node/node.key")));
        CliRunner.Result swapped = CliRunner.run("verify", nodeDir);
        assertThat(swapped.exitCode()).isEqualTo(1);
        assertThat(swapped.out()).contains("FAILED NODE_KEY_MISMATCH: " + key, "restore");
        Files.write(key, original);

        // an encryption key that is not the org's, and a damaged genesis copy
        Path enc = nodeDir.resolve("org/encryption.key");
        byte[] encOriginal = Files.readAllBytes(enc);
        Files.write(enc, Files.readAllBytes(net.resolve("hospital-b/org/encryption.key")));
        assertThat(CliRunner.run("verify", nodeDir).out()).contains("FAILED ORG_KEY_MISMATCH: " + enc);
        Files.write(enc, encOriginal);
        Path genesis = nodeDir.resolve("genesis.json");
        byte[] genesisOriginal = Files.readAllBytes(genesis);
        Files.writeString(genesis, "{\"chainId\": ");
        CliRunner.Result badGenesis = CliRunner.run("verify", net);
        assertThat(badGenesis.exitCode()).isEqualTo(1);
        assertThat(badGenesis.out()).contains("FAILED GENESIS_INVALID: " + genesis, "copy the network's genesis.json");
        assertNoStackTrace(badGenesis);
        Files.write(genesis, genesisOriginal);
        assertThat(CliRunner.run("verify", net).exitCode()).isZero();
    }

    @Test
    void verifyChecksANodesReadLogAndFailsWhenItWasTampered() throws Exception {
        Path net = init("net", 17700);
        Path nodeDir = net.resolve("hospital-a");
        writeChain(net, nodeDir.resolve("data"), 1);
        CliRunner.Result noReads = CliRunner.run("verify", nodeDir);
        assertThat(noReads.exitCode()).as(noReads.all()).isZero();
        assertThat(noReads.out()).contains("verified 1 blocks, 2 transactions").doesNotContain("reads");

        Path reads = ReadLog.dirOf(nodeDir);
        String head;
        try (ReadLog log = ReadLog.open(reads)) {
            log.append("hospital-a/staff-1", "hospital-a", "p-4a5b6c7d", ReadKind.RECORD_LIST, "", 1);
            log.append("patient/p-4a5b6c7d", "patient", "p-4a5b6c7d", ReadKind.DISCLOSURES, "", 1);
            head = log.append("hospital-b/admin", "hospital-b", "p-9e8d7c6b", ReadKind.CONSENTS, "hospital-a", 1).hash();
        }
        for (Path target : List.of(net, nodeDir, reads)) {
            CliRunner.Result ok = CliRunner.run("verify", target);
            assertThat(ok.exitCode()).as(ok.all()).isZero();
            assertThat(ok.out()).contains(reads + ": verified 3 reads (head " + head.substring(0, 16) + "…)");
            assertThat(ok.out().contains("verified 1 blocks, 2 transactions")).isEqualTo(!target.equals(reads));
        }

        // one logged read rewritten in place (a different caller), through RocksDB as someone with file access would
        Path netCopy = copy(net, tmp.resolve("net-copy"));
        Path copiedReads = netCopy.resolve("hospital-a").resolve(ReadLog.DIR_NAME);
        byte[] key = Keys.utf8("e/0000000000000001");
        try (org.rocksdb.Options o = new org.rocksdb.Options();
             org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(o, copiedReads.toString())) {
            String entry = Keys.utf8(db.get(key));
            db.put(key, Keys.utf8(entry.replace("\"caller\":\"patient/p-4a5b6c7d\"", "\"caller\":\"patient/p-0a0b0c0d\"")));
        }
        for (Path target : List.of(netCopy, netCopy.resolve("hospital-a"), copiedReads)) {
            CliRunner.Result bad = CliRunner.run("verify", target);
            assertThat(bad.exitCode()).as(bad.all()).isEqualTo(1);
            assertThat(bad.out()).contains(copiedReads + ": FAILED READ_LOG_TAMPERED").contains("at seq 1:");
            assertNoStackTrace(bad);
        }
        CliRunner.Result ledgerStillFine = CliRunner.run("verify", netCopy.resolve("hospital-a"));
        assertThat(ledgerStillFine.out()).contains("verified 1 blocks, 2 transactions");
    }

    @Test
    void badArgumentsGiveANonZeroExitAndAMessageNotAStackTrace() {
        List<CliRunner.Result> results = new ArrayList<>();
        CliRunner.Result unknown = CliRunner.run("frobnicate");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("frobnicate");
        results.add(unknown);

        CliRunner.Result missingOrgs = CliRunner.run("network", "init", tmp.resolve("x"));
        assertThat(missingOrgs.exitCode()).isNotZero();
        assertThat(missingOrgs.err()).contains("--orgs");
        results.add(missingOrgs);

        CliRunner.Result badRole = CliRunner.run("network", "init", tmp.resolve("y"), "--orgs", "clinic-z");
        assertThat(badRole.exitCode()).isEqualTo(1);
        assertThat(badRole.err()).contains("ORG_ROLE_UNKNOWN").contains("clinic-z");
        results.add(badRole);

        CliRunner.Result badId = CliRunner.run("network", "init", tmp.resolve("z"), "--orgs", "Hospital_A=hospital");
        assertThat(badId.exitCode()).isEqualTo(1);
        assertThat(badId.err()).contains("ORG_ID_INVALID");
        results.add(badId);

        CliRunner.Result badPort = CliRunner.run("network", "init", tmp.resolve("w"), "--orgs", ORGS, "--base-port", "lots");
        assertThat(badPort.exitCode()).isNotZero();
        assertThat(badPort.err()).contains("lots");
        results.add(badPort);

        CliRunner.Result nothing = CliRunner.run("verify", tmp.resolve("no-such-dir"));
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("VERIFY_NOTHING");
        results.add(nothing);

        CliRunner.Result noDir = CliRunner.run("verify");
        assertThat(noDir.exitCode()).isNotZero();
        assertThat(noDir.err()).contains("DIR");
        results.add(noDir);

        CliRunner.Result nodeStart = CliRunner.run("node", "start", tmp.resolve("not-a-node"));
        assertThat(nodeStart.exitCode()).isEqualTo(1);
        assertThat(nodeStart.err()).contains("NODE_DIR_INVALID");
        results.add(nodeStart);

        CliRunner.Result noNetwork = CliRunner.run("head", "--node", "https://127.0.0.1:1");
        assertThat(noNetwork.exitCode()).isEqualTo(1);
        assertThat(noNetwork.err()).contains("USAGE", "--network");
        results.add(noNetwork);

        CliRunner.Result unreachable = CliRunner.run("head", "--network", init("unreachable", 17600), "--node",
                "https://127.0.0.1:1");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("NODE_UNREACHABLE");
        results.add(unreachable);

        results.forEach(CliTest::assertNoStackTrace);
    }

    @Test
    void helpAndVersionExitZero() {
        CliRunner.Result help = CliRunner.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("network").contains("verify").contains("demo");
        CliRunner.Result version = CliRunner.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("careledger");
        CliRunner.Result initHelp = CliRunner.run("network", "init", "--help");
        assertThat(initHelp.exitCode()).isZero();
        assertThat(initHelp.out()).contains("--orgs").contains("--base-port").contains("0600");
    }

    /** Six blocks of two member registrations each, signed with the keys network init wrote. */
    private static void writeChain(Path net, Path data, int blocks) {
        NetworkLayout layout = new NetworkLayout(net);
        Genesis genesis = Genesis.read(layout.genesis());
        Signer caKey = KeyFiles.readSigner(layout.caKey("hospital-a"));
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(genesis.org("hospital-a").orElseThrow()
                .caCertificate()), caKey, new java.security.SecureRandom());
        TxSigner admin = new TxSigner(genesis.chainId(), "hospital-a/admin", KeyFiles.readSigner(layout.adminKey("hospital-a")), 1);
        java.time.Instant now = java.time.Instant.now();
        Validity validity = new Validity(now.minusSeconds(3600), now.plusSeconds(86_400));
        try (LedgerStore store = LedgerStore.open(data)) {
            Ledger ledger = Ledger.open(store, genesis, NodeAssembly.contracts());
            int n = 0;
            for (int b = 1; b <= blocks; b++) {
                List<TxEnvelope> txs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    n++;
                    Signer key = Ed25519Signer.generate(new java.security.SecureRandom());
                    String pem = Pem.encodeCertificate(ca.issue(new CertificateRequest("staff-" + n, List.of("nurse"),
                            key.algorithm(), key.publicKey(), validity)));
                    txs.add(admin.sign("membership", "registerMember", new RegisterMember("staff-" + n, pem)));
                }
                ledger.apply(new OrderedBatch(b, now.toEpochMilli() + b, "hospital-a/node", txs));
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void assertNoStackTrace(CliRunner.Result r) {
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
