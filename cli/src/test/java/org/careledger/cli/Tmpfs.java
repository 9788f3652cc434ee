package org.careledger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small tmpfs mounted over a directory, so a test can fill a disk for real and give space back with a remount.
 * Needs root ({@code mount}); {@link #mountOver} says why it could not, for the test to skip with that reason.
 */
final class Tmpfs implements AutoCloseable {
    final Path dir;
    private long sizeBytes;
    private boolean mounted;

    private Tmpfs(Path dir, long sizeBytes) {
        this.dir = dir;
        this.sizeBytes = sizeBytes;
    }

    /**
     * Mounts a tmpfs of {@code sizeBytes} over {@code dir} and copies what {@code dir} held onto it (the files
     * underneath are hidden while mounted; a copy is kept under {@code scratch}). Throws {@link IllegalStateException} with the reason when mounting is not
     * possible here (not root, no mount command, no tmpfs).
     */
    static Tmpfs mountOver(Path dir, long sizeBytes, Path scratch) throws IOException {
        // outside the network directory: verify would take a copy of a node directory there for another node
        Path saved = Files.createTempDirectory(scratch, dir.getFileName() + "-before-tmpfs");
        copyTree(dir, saved);
        Tmpfs t = new Tmpfs(dir, sizeBytes);
        String failed = run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs", dir.toString());
        if (failed != null) {
            throw new IllegalStateException("cannot mount a tmpfs over " + dir + ": " + failed);
        }
        t.mounted = true;
        copyTree(saved, dir);
        return t;
    }

    /** Grows (or shrinks) the file system in place: the disk "gets space back" without the node noticing a mount. */
    void resize(long bytes) {
        String failed = run("mount", "-o", "remount,size=" + bytes, dir.toString());
        if (failed != null) {
            throw new IllegalStateException("cannot resize the tmpfs at " + dir + ": " + failed);
        }
        sizeBytes = bytes;
    }

    long size() {
        return sizeBytes;
    }

    long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes {@code bytes} of zeros into a file on this disk (whatever does not fit is left out, no error). */
    Path fill(String name, long bytes) throws IOException {
        Path f = dir.resolve(name);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(f)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return f;
    }

    /**
     * Something else on the disk that grows until the disk is full and takes back whatever the node frees (a purged
     * Raft segment), as a runaway log would; runs until the returned handle is closed.
     */
    AutoCloseable fillUpContinuously(String name) {
        Path f = dir.resolve(name);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread t = Thread.ofPlatform().daemon(true).name("tmpfs-filler").start(() -> {
            byte[] chunk = new byte[64 * 1024];
            while (running.get()) {
                try (var out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND)) {
                    while (running.get()) {
                        out.write(chunk);
                    }
                } catch (IOException full) {
                    // no space left: wait for the node to free some, then take it
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return () -> {
            running.set(false);
            t.join(10_000);
        };
    }

    @Override
    public void close() {
        if (mounted && run("umount", dir.toString()) != null) {
            // a process still holding a file: detach now, the kernel frees it when they let go
            String lazy = run("umount", "-l", dir.toString());
            if (lazy != null) {
                System.out.println("cannot unmount " + dir + ": " + lazy);
            }
        }
        mounted = false;
    }

    /** Null when the command succeeded, else what went wrong. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
            return p.exitValue() == 0 ? null : String.join(" ", command) + " -> exit " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.sorted(Comparator.naturalOrder()).forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
