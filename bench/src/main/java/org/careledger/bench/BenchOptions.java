package org.careledger.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of one benchmark, each declared with its default and what it means, so
 * {@code --help} documents them all. An option the benchmark does not take is refused, not ignored, and so is a
 * number that is not one.
 */
final class BenchOptions {
    /** One option: its name, the label of its value, its default and what it sets. */
    record Option(String name, String value, String defaultValue, String about) {}

    static Option option(String name, String value, Object defaultValue, String about) {
        return new Option(name, value, String.valueOf(defaultValue), about);
    }

    private final Map<String, Option> declared = new java.util.LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final boolean help;

    /**
     * @param bench   the benchmark's name, as {@code careledger-bench NAME} runs it
     * @param about   what it measures and beside which limit, one sentence
     * @param args    the arguments after the benchmark's name
     * @param options every option it takes
     */
    BenchOptions(String bench, String about, String[] args, List<Option> options) {
        options.forEach(o -> declared.put(o.name(), o));
        boolean asked = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                asked = true;
                continue;
            }
            if (!declared.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; this benchmark takes "
                        + declared.keySet() + " (careledger-bench " + bench + " --help)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(args[i], args[++i]);
        }
        help = asked;
        if (asked) {
            System.out.println("careledger-bench " + bench + ": " + about);
            System.out.println("options (each --name value):");
            for (Option o : options) {
                System.out.printf("  %-14s %-8s %s (default %s)%n", o.name(), o.value(), o.about(), o.defaultValue());
            }
        }
    }

    /** Whether {@code --help} was asked (the options were printed; the benchmark should not run). */
    boolean helpShown() {
        return help;
    }

    int intOf(String name) {
        String v = stringOf(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " takes a whole number, not '" + v + "'");
        }
    }

    String stringOf(String name) {
        Option o = declared.get(name);
        if (o == null) {
            throw new IllegalStateException("the benchmark reads an option it does not declare: " + name);
        }
        return values.getOrDefault(name, o.defaultValue());
    }
}
