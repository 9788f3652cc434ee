package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The GS1 EPCIS examples, test resources under testdata/epcis (origin and license: testdata/README.md there). The
 * epcis test-jar carries them to the tests of other modules, which use this class to find them.
 */
public final class EpcisExamples {
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

    private static final String FOLDER = "testdata/epcis/";
    private static Path directory;

    private EpcisExamples() {}

    /**
     * The folder of examples: test-classes/testdata/epcis when the resources are files, or (when they come inside
     * the epcis test-jar) a temporary copy of that jar folder's files, so that callers can list them and hand
     * their paths to the CLI.
     */
    public static synchronized Path directory() {
        if (directory == null) {
            directory = locate();
        }
        return directory;
    }

    private static Path locate() {
        URL url = EpcisExamples.class.getResource("/" + FOLDER + SCHEMA);
        assertThat(url).as("the GS1 EPCIS examples (test resource " + FOLDER + ")").isNotNull();
        try {
            if (url.getProtocol().equals("file")) {
                Path dir = Path.of(url.toURI()).getParent();
                assertThat(dir).isDirectory();
                return dir;
            }
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            Path copy = Files.createTempDirectory("careledger-epcis-examples");
            copy.toFile().deleteOnExit();
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (!e.isDirectory() && name.startsWith(FOLDER) && name.indexOf('/', FOLDER.length()) < 0) {
                        Path file = copy.resolve(name.substring(FOLDER.length()));
                        try (InputStream in = jar.getInputStream(e)) {
                            Files.copy(in, file);
                        }
                        file.toFile().deleteOnExit();
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
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
