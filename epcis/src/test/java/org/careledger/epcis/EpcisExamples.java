package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The GS1 EPCIS examples in ../shared/testdata/epcis, located through the careledger.testdata property. */
final class EpcisExamples {
    static final String OBJECT_EVENT = "Example_9.6.1-ObjectEvent.jsonld";
    static final String OBJECT_EVENT_DL = "Example_9.6.1-ObjectEventWithDigitalLink.jsonld";
    static final String OBJECT_EVENT_QUANTITY = "Example_9.6.2-ObjectEvent.jsonld";
    static final String AGGREGATION_EVENT = "Example_9.6.3-AggregationEvent.jsonld";
    static final String AGGREGATION_EVENT_DL = "Example_9.6.3-AggregationEventWithDigitalLink.jsonld";
    static final String TRANSFORMATION_EVENT = "Example_9.6.4-TransformationEvent.jsonld";
    static final String ERROR_DECLARATION = "ErrorDeclarationAndCorrectiveEvent.jsonld";
    static final String PERSISTENT_DISPOSITION = "PersistentDisposition-example.jsonld";
    static final String OBJECT_ALL_FIELDS = "object_event_all_possible_fields.jsonld";
    static final String AGGREGATION_ALL_FIELDS = "aggregation_event_all_possible_fields.jsonld";
    static final String SCHEMA = "EPCIS-JSON-Schema.json";

    private EpcisExamples() {}

    static Path directory() {
        String root = System.getProperty("careledger.testdata");
        assertThat(root).as("system property careledger.testdata (set by surefire)").isNotNull();
        Path dir = Path.of(root, "epcis");
        assertThat(dir).isDirectory();
        return dir;
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(directory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every EPCIS document in the folder (everything but the schema). */
    static List<String> documentNames() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonld")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EpcisDocument read(String name) {
        return new EpcisDocumentReader().read(bytes(name));
    }
}
