package org.careledger.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The wallet a provider registers and the provider who does ({@code patient create} and {@code patient register}). */
final class RegistrationOptions {
    @Parameters(paramLabel = "WALLET_DIR")
    Path wallet;

    @Option(names = "--by", required = true, paramLabel = "ORG/NAME",
            description = "the registering provider (a member or admin of a hospital or lab org)")
    String by;
}
