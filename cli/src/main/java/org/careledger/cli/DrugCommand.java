package org.careledger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.drugs.DrugClient;
import org.careledger.client.drugs.DrugProofCheck;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger drug verify|import-epcis}: pharmacy verification and EPCIS 2.0 capture. */
@Command(name = "drug", mixinStandardHelpOptions = true,
        description = "Drug supply chain: verify a pack, import an EPCIS 2.0 document.",
        subcommands = {DrugCommand.Verify.class, DrugCommand.ImportEpcis.class})
public final class DrugCommand {
    /** Exit code of verify when the pack is not GENUINE, and of import-epcis when an event was rejected. */
    static final int NOT_CLEAN = 2;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a pack: GENUINE, UNKNOWN (never commissioned: likely counterfeit), ALREADY_DISPENSED,"
                    + " DECOMMISSIONED, RECALLED, STOLEN or EXPIRED (against the node's latest block time), or"
                    + " LOT_MISMATCH / EXPIRY_MISMATCH when the lot or expiry in the Digital Link (path or query) or"
                    + " element string is not what was commissioned, with its custody history; the inclusion proofs"
                    + " are checked locally.",
                    "Exit code 0 for GENUINE, " + NOT_CLEAN + " otherwise."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        NodeOption node;

        @Parameters(paramLabel = "SGTIN", description = "the pack: urn:epc:id:sgtin:…, a GS1 Digital Link"
                + " (https://id.gs1.org/01/…/21/…) or an element string ((01)…(21)…, lot and expiry included)")
        String sgtin;

        @Option(names = "--json", description = "print the node's full answer as JSON")
        boolean json;

        @Override
        public Integer call() {
            DrugVerification v = new DrugClient(node.client()).verify(sgtin);
            DrugProofCheck.Checked proofs = DrugClient.checkProofs(v, node.genesisNodes());
            if (json) {
                System.out.println(Json.pretty(v));
            } else {
                DrugTranscript.verification(System.out, v, proofs);
            }
            return v.verdict().equals("GENUINE") ? 0 : NOT_CLEAN;
        }
    }

    @Command(name = "import-epcis", mixinStandardHelpOptions = true,
            description = {"Sign an EPCIS 2.0 JSON/JSON-LD document as a supplychain.captureEpcis transaction, submit"
                    + " it and print each event's outcome (valid events commit, rejected ones say why).",
                    "Sign as a member (--as ORG/NAME --key KEYFILE) or as an org's admin from a network directory"
                    + " (--network DIR --org ORG).",
                    "Exit code 0 when every event was accepted, " + NOT_CLEAN + " when some were rejected."})
    static final class ImportEpcis implements Callable<Integer> {
        @Parameters(paramLabel = "DOC.json", description = "the EPCIS document")
        Path document;

        @Option(names = "--as", paramLabel = "ORG/NAME", description = "signer id, with --key")
        String signerId;

        @Option(names = "--key", paramLabel = "KEYFILE", description = "the signer's private key (PEM)")
        Path key;

        @Option(names = "--network", paramLabel = "DIR", description = "network directory (careledger network init)")
        Path network;

        @Option(names = "--org", description = "with --network: sign as this org's admin")
        String org;

        @Option(names = "--ship-to", paramLabel = "ORG",
                description = "receiving org for shipping events whose destinationList names no known org")
        String shipTo;

        @Option(names = "--node", description = "node API URL, or several separated by commas (the first that"
                + " answers is used; default: $CARELEDGER_NODE, the org's node with --network, else"
                + " https://127.0.0.1:7101)")
        String nodeUrl;

        @Option(names = "--genesis", paramLabel = "FILE",
                description = "with --as/--key: the network's genesis.json, whose node keys the client trusts")
        Path genesisFile;

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        public Integer call() {
            String doc = read(document);
            NodeTrust trust;
            TxSigner signer;
            String url;
            if (network != null) {
                if (org == null || signerId != null || key != null) {
                    throw new CareledgerException("USAGE", "give either --network DIR --org ORG, or --as ORG/NAME --key"
                            + " KEYFILE");
                }
                NetworkLayout layout = new NetworkLayout(network);
                Genesis genesis = Genesis.read(layout.genesis());
                GenesisOrg o = genesis.org(org).orElseThrow(() -> new CareledgerException("ORG_UNKNOWN",
                        "org " + org + " is not in the network at " + network));
                signer = new TxSigner(genesis.chainId(), o.adminId(), KeyFiles.readSigner(layout.adminKey(org)));
                trust = NodeTrust.fromGenesis(layout.genesis());
                url = nodeUrl(o.node() == null ? null : o.node().apiUrl());
            } else {
                if (signerId == null || key == null || org != null) {
                    throw new CareledgerException("USAGE", "give either --as ORG/NAME --key KEYFILE, or --network DIR"
                            + " --org ORG");
                }
                url = nodeUrl(null);
                trust = genesisFile == null ? null : NodeTrust.fromGenesis(genesisFile);
                String chainId = NodeUrls.reachable(url, trust).health().chainId();
                signer = new TxSigner(chainId, signerId, KeyFiles.readSigner(key));
            }
            EpcisCaptureReport report = new DrugClient(NodeUrls.reachable(url, trust)).captureEpcis(signer, doc, shipTo);
            if (json) {
                System.out.println(Json.pretty(report));
            } else {
                DrugTranscript.capture(System.out, document.getFileName() + " as " + signer.signerId(), report);
            }
            if (report.errorCode() != null) {
                throw new CareledgerException(report.errorCode(), report.message());
            }
            return report.rejected() == 0 ? 0 : NOT_CLEAN;
        }

        private String nodeUrl(String orgNode) {
            if (nodeUrl != null) {
                return nodeUrl;
            }
            String env = System.getenv("CARELEDGER_NODE");
            if (env != null && !env.isBlank()) {
                return env;
            }
            return orgNode != null ? orgNode : "https://127.0.0.1:7101";
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CareledgerException("FILE_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
            }
        }
    }
}
