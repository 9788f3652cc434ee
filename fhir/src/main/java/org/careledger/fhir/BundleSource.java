package org.careledger.fhir;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes of a Bundle, read as a stream and by byte range. A file is never read into memory whole: the splitter
 * streams it once to index the entries, and each entry's bytes are read again by position when it is sealed.
 */
public interface BundleSource {

    /** A fresh stream over the whole Bundle. */
    InputStream open() throws IOException;

    /** Bytes {@code [from, to)}. */
    byte[] slice(long from, long to);

    static BundleSource of(byte[] json) {
        Objects.requireNonNull(json, "json");
        return new BundleSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(json);
            }

            @Override
            public byte[] slice(long from, long to) {
                return Arrays.copyOfRange(json, Math.toIntExact(from), Math.toIntExact(to));
            }
        };
    }

    /** A file, read by positional reads (the file must not change while it is imported). */
    static BundleSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return new BundleSource() {
            @Override
            public InputStream open() throws IOException {
                return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            }

            @Override
            public byte[] slice(long from, long to) {
                ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long at = from;
                    while (buffer.hasRemaining()) {
                        int n = channel.read(buffer, at);
                        if (n < 0) {
                            throw new IOException(file + " ended at byte " + at + ": it changed while being read");
                        }
                        at += n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return buffer.array();
            }
        };
    }
}
