package org.careledger.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options of one benchmark; an option it does not take is refused, not ignored. */
final class BenchOptions {
    private final Map<String, String> values = new HashMap<>();

    BenchOptions(String[] args, List<String> names) {
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; this benchmark takes " + names);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
    }

    int intOr(String name, int otherwise) {
        String v = values.get(name);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    String stringOr(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }
}
