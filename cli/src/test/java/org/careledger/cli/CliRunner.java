package org.careledger.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main#run} as a user would, capturing what it prints and its exit code. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private CliRunner() {}

    static synchronized Result run(Object... args) {
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = String.valueOf(args[i]);
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.run(argv);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldOut.println("$ careledger " + String.join(" ", argv) + "  -> exit " + code);
        return r;
    }

    /** A base port b with b+1..b+n and b+101..b+100+n free on loopback right now. */
    static int freeBasePort(int n) {
        return org.careledger.core.LoopbackPorts.freeBase(n);
    }


}
