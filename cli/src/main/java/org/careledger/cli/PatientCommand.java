package org.careledger.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.careledger.api.SubmitResponse;
import org.careledger.client.records.PatientWallet;
import org.careledger.core.CareledgerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger patient create WALLET_DIR --network NET --by ORG/NAME}, {@code patient guardian add|remove}. */
@Command(name = "patient", mixinStandardHelpOptions = true, description = "Patients and their wallets.",
        subcommands = {PatientCommand.Create.class, PatientCommand.Register.class, PatientCommand.Guardian.class})
public final class PatientCommand {
    /** The wallet keeps genesis: the patient's client pins the network's node keys without the network dir. */
    static void keepGenesis(PatientWallet w, CliIdentity provider) {
        try {
            w.keepGenesis(java.nio.file.Files.readAllBytes(provider.layout().genesis()));
        } catch (java.io.IOException e) {
            throw new CareledgerException("GENESIS_UNREADABLE", "cannot read " + provider.layout().genesis());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a patient wallet (pseudonym, Ed25519 signing key, X25519 encryption key; 0600) and"
                    + " have a provider register the patient on the ledger.")
    static final class Create implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin RegistrationOptions reg;

        @Override
        public Integer call() {
            CliIdentity provider = opts.as(reg.by);
            java.util.Set<Path> before = listing(reg.wallet);
            boolean existed = java.nio.file.Files.exists(reg.wallet);
            PatientWallet w = PatientWallet.create(reg.wallet, provider.genesis().chainId(), new SecureRandom());
            SubmitResponse r;
            try {
                keepGenesis(w, provider);
                r = opts.careFor(provider.org(), null).registerPatient(provider.signer(), w);
            } catch (RuntimeException e) {
                // a wallet whose patient the ledger does not know is unusable: do not leave it behind
                for (Path p : listing(reg.wallet)) {
                    if (!before.contains(p)) {
                        deleteQuietly(p);
                    }
                }
                if (!existed) {
                    deleteQuietly(reg.wallet);
                }
                if (e instanceof CareledgerException ce) {
                    throw new CareledgerException(ce.code(), ce.getMessage() + "; no wallet was kept at " + reg.wallet,
                            ce);
                }
                throw e;
            }
            System.out.println("patient " + w.patientId() + " registered by " + provider.id() + " at height "
                    + r.height() + "; wallet " + reg.wallet);
            return 0;
        }

        private static java.util.Set<Path> listing(Path dir) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                return java.util.Set.of();
            }
            try (var s = java.nio.file.Files.list(dir)) {
                return s.collect(java.util.stream.Collectors.toSet());
            } catch (java.io.IOException e) {
                return java.util.Set.of();
            }
        }

        private static void deleteQuietly(Path p) {
            try {
                java.nio.file.Files.deleteIfExists(p);
            } catch (java.io.IOException ignored) {
                // best effort; the error the caller sees names the wallet
            }
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Have a provider register the patient of an existing wallet (made elsewhere, or kept from an"
                    + " earlier attempt); the wallet's keys are registered as they are.")
    static final class Register implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin RegistrationOptions reg;

        @Override
        public Integer call() {
            CliIdentity provider = opts.as(reg.by);
            PatientWallet w = PatientWallet.open(reg.wallet);
            if (!w.chainId().equals(provider.genesis().chainId())) {
                throw new CareledgerException("WALLET_WRONG_CHAIN", reg.wallet + " belongs to chain " + w.chainId()
                        + ", not " + provider.genesis().chainId() + " of " + opts.network);
            }
            if (w.trust() == null) {
                keepGenesis(w, provider);
            }
            SubmitResponse r = opts.careFor(provider.org(), null).registerPatient(provider.signer(), w);
            System.out.println("patient " + w.patientId() + " registered by " + provider.id() + " at height "
                    + r.height() + "; wallet " + reg.wallet);
            return 0;
        }
    }

    @Command(name = "guardian", mixinStandardHelpOptions = true,
            description = "Guardians consent, revoke and erase for a patient (a parent, a legal representative).",
            subcommands = {GuardianAdd.class, GuardianRemove.class})
    static final class Guardian {}

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "The patient (its wallet's key) names a guardian: a registered patient (patient/p-… or p-…)"
                    + " or an org member (ORG/NAME). At most 8.")
    static final class GuardianAdd implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "GUARDIAN") String guardian;
        @Option(names = "--wallet", required = true, paramLabel = "WALLET_DIR") Path wallet;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            SubmitResponse r = opts.care(wallet).guardian(w.signer(), "addGuardian", w.patientId(), guardian);
            System.out.println(guardian + " is a guardian of " + w.patientId() + " from height " + r.height());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "The patient removes a guardian, or the guardian steps down (--guardian-wallet/--guardian).")
    static final class GuardianRemove implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Mixin GuardianOption by;
        @Parameters(paramLabel = "GUARDIAN") String guardian;
        @Option(names = "--wallet", required = true, paramLabel = "WALLET_DIR") Path wallet;

        @Override
        public Integer call() {
            PatientWallet w = PatientWallet.open(wallet);
            SubmitResponse r = opts.care(wallet).guardian(by.signer(opts, w), "removeGuardian", w.patientId(), guardian);
            System.out.println(guardian + " is no longer a guardian of " + w.patientId() + " (height " + r.height()
                    + ")");
            return 0;
        }
    }
}
