package org.careledger.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.careledger.client.api.SubmitResponse;
import org.careledger.client.records.PatientWallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger patient create WALLET_DIR --network NET --by ORG/NAME}. */
@Command(name = "patient", mixinStandardHelpOptions = true, description = "Patients and their wallets.",
        subcommands = {PatientCommand.Create.class})
public final class PatientCommand {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a patient wallet (pseudonym, Ed25519 signing key, X25519 encryption key; 0600) and"
                    + " have a provider register the patient on the ledger.")
    static final class Create implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "WALLET_DIR") Path wallet;
        @Option(names = "--by", required = true, paramLabel = "ORG/NAME",
                description = "the registering provider (a member or admin of a hospital or lab org)")
        String by;

        @Override
        public Integer call() {
            CliIdentity provider = opts.as(by);
            PatientWallet w = PatientWallet.create(wallet, provider.genesis().chainId(), new SecureRandom());
            SubmitResponse r = opts.care().registerPatient(provider.signer(), w);
            System.out.println("patient " + w.patientId() + " registered by " + provider.id() + " at height "
                    + r.height() + "; wallet " + wallet);
            return 0;
        }
    }
}
