package org.careledger.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The shared Synthea test Bundles (../shared/testdata/fhir), located by the {@code careledger.testdata} property. */
final class SyntheaBundles {

    static final List<String> NAMES = List.of("synthea-patient-1.json", "synthea-patient-2.json",
            "synthea-patient-3.json");

    // splitting is the slow part of most tests; each Bundle is split once per test JVM and the result is immutable
    private static final Map<String, SplitBundle> SPLITS = new ConcurrentHashMap<>();

    private SyntheaBundles() {}

    /** The Bundle split with {@link FhirR4#shared()}, computed once. */
    static SplitBundle split(String name) {
        return SPLITS.computeIfAbsent(name, n -> new BundleSplitter(FhirR4.shared()).split(read(n)));
    }

    static Path dir() {
        String root = System.getProperty("careledger.testdata");
        if (root == null) {
            throw new IllegalStateException("system property careledger.testdata is not set (surefire sets it)");
        }
        return Path.of(root, "fhir");
    }

    /** File names, for {@code @MethodSource}. */
    static Stream<String> names() {
        return NAMES.stream();
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
