package org.careledger.cli;

import org.careledger.core.CareledgerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Errors print as "CODE: sentence" with exit code 1 — never a bare stack trace. */
@Command(name = "careledger", mixinStandardHelpOptions = true, version = "careledger 0.1.0",
        description = "A permissioned blockchain for medical data.",
        subcommands = {NetworkCommand.class, NodeCommand.class, VerifyCommand.class, DemoCommand.class,
                HeadCommand.class, BlockCommand.class, TxCommand.class, DrugCommand.class,
                MemberCommand.class, PatientCommand.class, RecordCommand.class, ConsentCommand.class,
                AccessCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
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
}
