package org.careledger.cli;

import java.nio.file.Path;
import org.careledger.client.TxSigner;
import org.careledger.client.records.PatientWallet;
import org.careledger.core.CareledgerException;

/**
 * Who reads a patient's data from the CLI, and whose: the patient with its wallet ({@code --wallet}), or an org member
 * ({@code --as ORG/NAME --network NET}) naming the patient ({@code --patient p-…}). The node shows each what it may see.
 */
record Reader(TxSigner signer, String patientId) {
    /** The reader's org, whose own node it talks to by default; null for a patient. */
    String org() {
        String id = signer.signerId();
        return id.startsWith("patient/") ? null : id.substring(0, id.indexOf('/'));
    }

    static Reader of(CareOptions opts, Path wallet, String patient, String as) {
        if (as != null) {
            if (patient == null && wallet == null) {
                throw new CareledgerException("USAGE", "with --as, name the patient: --patient p-… (or --wallet)");
            }
            return new Reader(opts.as(as).signer(), patient != null ? patient : PatientWallet.open(wallet).patientId());
        }
        if (wallet == null) {
            throw new CareledgerException("USAGE", "give --wallet (as the patient) or --as ORG/NAME --patient p-…"
                    + " --network NET (as an org member)");
        }
        PatientWallet w = PatientWallet.open(wallet);
        if (patient != null && !patient.equals(w.patientId())) {
            throw new CareledgerException("USAGE", "--patient " + patient + " is not the wallet's patient " + w.patientId()
                    + "; a guardian or member reads another patient with --as");
        }
        return new Reader(w.signer(), w.patientId());
    }
}
