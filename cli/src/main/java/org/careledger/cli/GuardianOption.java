package org.careledger.cli;

import java.nio.file.Path;
import org.careledger.client.TxSigner;
import org.careledger.client.records.PatientWallet;
import org.careledger.core.CareledgerException;
import picocli.CommandLine.Option;

/**
 * Who signs a consent or erasure for a patient: the patient's own wallet by default, or a guardian the patient
 * registered ({@code patient guardian add}) — another patient with its own wallet, or an org member from the network
 * directory. The patient's wallet is still needed for its id and, to re-wrap data keys, its encryption key.
 */
final class GuardianOption {
    @Option(names = "--guardian-wallet", paramLabel = "WALLET_DIR",
            description = "sign as a guardian that is itself a patient (its wallet)")
    Path guardianWallet;

    @Option(names = "--guardian", paramLabel = "ORG/NAME",
            description = "sign as a guardian that is an org member (key from --network)")
    String guardianMember;

    TxSigner signer(CareOptions opts, PatientWallet patient) {
        if (guardianWallet != null && guardianMember != null) {
            throw new CareledgerException("USAGE", "give --guardian-wallet or --guardian, not both");
        }
        if (guardianWallet != null) {
            return PatientWallet.open(guardianWallet).signer();
        }
        if (guardianMember != null) {
            if (opts.network == null) {
                throw new CareledgerException("USAGE", "--guardian ORG/NAME needs --network NET for the member's key");
            }
            return opts.as(guardianMember).signer();
        }
        return patient.signer();
    }
}
