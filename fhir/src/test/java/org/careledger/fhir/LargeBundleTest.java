package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Bundle of 20,001 resources (one Patient, one Encounter, 20,000 Observations referring to both) splits
 * and indexes in linear time: resolving every reference is a hash lookup (the index was rebuilt per reference
 * before, which made a 46,548-resource Bundle run for minutes). Time limits are loose sanity checks on a shared
 * 2-core machine, not benchmarks.
 */
public class LargeBundleTest {
    static final int OBSERVATIONS = 20_000;

    /** A collection Bundle: Patient, Encounter, then {@code observations} Observations referring to both. */
    public static byte[] generate(int observations, String patientId) {
        StringBuilder b = new StringBuilder(observations * 400);
        b.append("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        b.append("{\"fullUrl\":\"urn:uuid:").append(patientId).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                .append("\"id\":\"").append(patientId).append("\",\"gender\":\"female\"}},");
        b.append("{\"fullUrl\":\"urn:uuid:e0000000-0000-4000-8000-000000000000\",\"resource\":{\"resourceType\":")
                .append("\"Encounter\",\"id\":\"e0000000-0000-4000-8000-000000000000\",\"status\":\"finished\",")
                .append("\"class\":{\"code\":\"AMB\"},\"subject\":{\"reference\":\"urn:uuid:").append(patientId)
                .append("\"}}}");
        for (int i = 0; i < observations; i++) {
            String id = String.format("0b000000-0000-4000-8000-%012d", i);
            b.append(",{\"fullUrl\":\"urn:uuid:").append(id).append("\",\"resource\":{\"resourceType\":\"Observation\",")
                    .append("\"id\":\"").append(id).append("\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":")
                    .append("\"http://loinc.org\",\"code\":\"8867-4\"}]},\"subject\":{\"reference\":\"urn:uuid:")
                    .append(patientId).append("\"},\"encounter\":{\"reference\":\"urn:uuid:")
                    .append("e0000000-0000-4000-8000-000000000000\"},\"valueQuantity\":{\"value\":").append(60 + i % 40)
                    .append(".5,\"unit\":\"/min\"}}}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twentyThousandResourcesSplitAndResolveInLinearTime() {
        byte[] bundle = generate(OBSERVATIONS, "a0000000-0000-4000-8000-000000000000");
        long start = System.nanoTime();
        SplitBundle split = new BundleSplitter(FhirR4.shared()).split(bundle);
        long splitMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(split.entries()).hasSize(OBSERVATIONS + 2);

        start = System.nanoTime();
        int resolved = 0;
        for (FhirResourceEntry e : split.entries()) {
            for (String reference : e.references()) {
                resolved += split.resolve(reference).isPresent() ? 1 : 0;
                resolved += split.resolve("Observation/" + e.resourceId()).isPresent() ? 1 : 0; // the Type/id path
            }
        }
        long resolveMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("split of %d resources: %d ms; %d references resolved in %d ms%n", split.entries().size(),
                splitMillis, resolved, resolveMillis);
        assertThat(resolved).isEqualTo(1 + 2 * OBSERVATIONS + 2 * OBSERVATIONS);
        assertThat(split.danglingReferences()).isEmpty();
        // 80,000 lookups; rebuilding a 20,002-entry index per lookup (the old resolve) takes minutes
        assertThat(resolveMillis).isLessThan(2_000);
        assertThat(splitMillis).as("split of 20k resources, loose bound on a shared machine").isLessThan(60_000);
    }

    @Test
    void aFileIsIndexedWithoutItsContentAndEntriesReadBackOneByOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("large.json");
        Files.write(file, generate(OBSERVATIONS, "a0000000-0000-4000-8000-000000000001"));
        BundleSplitter splitter = new BundleSplitter(FhirR4.shared());
        System.gc();
        long before = usedHeap();
        BundleIndex index = splitter.index(BundleSource.of(file));
        System.gc();
        long retained = usedHeap() - before;
        System.out.printf("index of %d entries from a %d-byte file retains ~%d KB%n", index.entries().size(),
                Files.size(file), retained / 1024);
        assertThat(index.entries()).hasSize(OBSERVATIONS + 2);
        assertThat(index.patient().resourceType()).isEqualTo("Patient");
        assertThat(index.resolve("urn:uuid:e0000000-0000-4000-8000-000000000000")).get()
                .extracting(BundleIndex.Entry::resourceType).isEqualTo("Encounter");
        // a loose check that the index holds metadata, not the resources (the file is ~8 MB; HAPI's model ~100x)
        assertThat(retained).isLessThan(64L * 1024 * 1024);

        SplitBundle split = splitter.split(Files.readAllBytes(file));
        for (int i : List.of(0, 1, 2, 777, OBSERVATIONS + 1)) {
            assertThat(index.resource(index.entries().get(i))).isEqualTo(split.entries().get(i));
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
