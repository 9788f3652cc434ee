package org.careledger.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say whose patient data is read, and by whom (see {@link Reader}). */
final class ReaderOptions {
    @Option(names = "--wallet", paramLabel = "WALLET_DIR", description = "as the patient (its wallet)")
    Path wallet;

    @Option(names = "--patient", paramLabel = "PATIENT_ID", description = "with --as: another patient's data")
    String patient;

    @Option(names = "--as", paramLabel = "ORG/NAME",
            description = "as an org member (key from --network): sees what its org holds or was granted")
    String as;

    Reader reader(CareOptions opts) {
        return Reader.of(opts, wallet, patient, as);
    }
}
