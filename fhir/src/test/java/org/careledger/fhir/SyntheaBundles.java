package org.careledger.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Synthea test Bundles, read from the classpath folder {@value #FOLDER}: synthea-patient-1.json is a main
 * resource of this module (the demo imports it), the others are test resources; see the README.md beside them.
 * The fhir test-jar carries this class and the test Bundles to the cli tests.
 */
public final class SyntheaBundles {

    public static final String FOLDER = "/org/careledger/fhir/synthea/";

    public static final List<String> NAMES = List.of("synthea-patient-1.json", "synthea-patient-2.json",
            "synthea-patient-3.json");

    // splitting is the slow part of most tests; each Bundle is split once per test JVM and the result is immutable
    private static final Map<String, SplitBundle> SPLITS = new ConcurrentHashMap<>();
    private static Path directory;

    private SyntheaBundles() {}

    /** The Bundle split with {@link FhirR4#shared()}, computed once. */
    static SplitBundle split(String name) {
        return SPLITS.computeIfAbsent(name, n -> new BundleSplitter(FhirR4.shared()).split(read(n)));
    }

    /** File names, for {@code @MethodSource}. */
    static Stream<String> names() {
        return NAMES.stream();
    }

    /** The Bundle's bytes; fails when it is not on the classpath. */
    public static byte[] read(String name) {
        try (InputStream in = SyntheaBundles.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("Synthea Bundle " + FOLDER + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A temporary folder holding a copy of every Bundle of {@link #NAMES}, made once per JVM, for tests that list
     * the Bundles as files or hand their paths on (the resources themselves may sit in two jars).
     */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                Path dir = Files.createTempDirectory("careledger-synthea");
                dir.toFile().deleteOnExit();
                for (String name : NAMES) {
                    Path file = Files.write(dir.resolve(name), read(name));
                    file.toFile().deleteOnExit();
                }
                directory = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }
}
