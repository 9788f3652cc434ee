package org.careledger.cli;

import org.careledger.core.CareledgerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Errors print as "CODE: sentence" with exit code 1 — never a bare stack trace. */
@Command(name = "careledger", mixinStandardHelpOptions = true, version = "careledger 0.1.0",
        description = "A permissioned blockchain for medical data.",
        subcommands = {NetworkCommand.class, NodeCommand.class, VerifyCommand.class, BackupCommand.class,
                RestoreCommand.class, RepairCommand.class, DemoCommand.class,
                HeadCommand.class, BlockCommand.class, TxCommand.class, FhirGatewayCommand.class})
public final class Main {
    /** The domains' commands, one registration line each (docs/ARCHITECTURE.md, "Adding a domain"). */
    static final java.util.List<Class<?>> DOMAIN_COMMANDS = java.util.List.of(
            DrugCommand.class,                                          // supplychain
            MemberCommand.class,                                        // membership
            PatientCommand.class, RecordCommand.class,                  // records
            ConsentCommand.class,                                       // consent
            AccessCommand.class, AuditCommand.class,                    // access
            ClaimCommand.class,                                         // claims
            StudyCommand.class,                                           // research
            HealthCommand.class);                                       // publichealth

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        quietLibraries();
        CommandLine cli = new CommandLine(new Main());
        DOMAIN_COMMANDS.forEach(cli::addSubcommand);
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CareledgerException ce) {
                cmd.getErr().println(ce.code() + ": " + ce.getMessage());
                return 1;
            }
            cmd.getErr().println("ERROR: " + e);
            if (System.getenv("CARELEDGER_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * HAPI FHIR logs at INFO (context creation, parser set-up) to the console on every import or export; a CLI user
     * should see only the command's output. Libraries log WARN and above unless CARELEDGER_LOG_LEVEL asks for more.
     * Nodes a command starts in-process keep the node's own levels for org.careledger; child processes of
     * {@code network up} configure their own logging.
     */
    static void quietLibraries() {
        if (System.getenv("CARELEDGER_LOG_LEVEL") == null
                && org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            for (String library : new String[] {"ca.uhn.fhir", "org.hl7.fhir"}) {
                ctx.getLogger(library).setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
