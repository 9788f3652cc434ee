package org.careledger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.careledger.api.records.AccessResult;
import org.careledger.client.records.RecordsClient;
import org.careledger.core.CareledgerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger access read RECORD_ID --network NET --as ORG/NAME --purpose TREAT [--break-glass REASON]}. */
@Command(name = "access", mixinStandardHelpOptions = true, description = "Audited reads of patient records.",
        subcommands = {AccessCommand.Read.class})
public final class AccessCommand {
    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Sign an access.read (committed and audited, denied or not), fetch the ciphertext if granted,"
                    + " check it against the ledger hash and decrypt it with the org's encryption key.")
    static final class Read implements Callable<Integer> {
        @Mixin CareOptions opts;
        @Parameters(paramLabel = "RECORD_ID") String recordId;
        @Option(names = "--as", required = true, paramLabel = "ORG/NAME") String as;
        @Option(names = "--purpose", defaultValue = "TREAT") String purpose;
        @Option(names = "--break-glass", paramLabel = "REASON",
                description = "emergency access without consent (role emergency; reviewed by the custodian)")
        String breakGlass;
        @Option(names = "--out", paramLabel = "FILE", description = "write the FHIR JSON here instead of stdout")
        Path out;

        @Override
        public Integer call() {
            CliIdentity reader = opts.as(as);
            AccessResult served = opts.careFor(reader.org(), null).read(reader.signer(), recordId, purpose, breakGlass);
            AccessResult a;
            try {
                // a break-glass read through another org's node: the custodian's node re-wraps the key for us
                a = RecordsClient.withCustodianKeys(served, reader.org(), () -> opts.nodeOf(served.authorOrg(), reader.signer()));
            } catch (CareledgerException e) {
                throw new CareledgerException(e.code(), "break-glass access " + served.accessId() + " is committed (tx "
                        + served.txId() + ") but the custodian " + served.authorOrg() + "'s node did not re-wrap its"
                        + " key: " + e.getMessage());
            }
            byte[] plain = RecordsClient.open(a, reader.org(), reader.requireOrgKey());
            System.err.println("access " + a.accessId() + " " + a.decision() + (a.breakGlass() ? " (break-glass,"
                    + " queued for review by " + a.authorOrg() + ")" : "") + ": " + a.recordType() + " " + a.recordId()
                    + ", recorded in tx " + a.txId() + " at height " + a.height());
            if (out != null) {
                try {
                    Files.write(out, plain);
                } catch (IOException e) {
                    throw new CareledgerException("FILE_UNWRITABLE", "cannot write " + out + ": " + e.getMessage());
                }
            } else {
                System.out.println(new String(plain, StandardCharsets.UTF_8));
            }
            return 0;
        }
    }
}
