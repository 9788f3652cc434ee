package org.careledger.node.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;

/**
 * A byte copy (new files, never hard links) of a RocksDB directory another process may be writing. RocksDB never
 * changes a table file once the manifest names it and only appends to its WAL and manifest, so a copy taken while
 * the directory's files stay the same — same CURRENT, same table, manifest and options files at the same sizes,
 * same WAL files — is the directory as a crash at that moment would have left it, apart from the WALs, which are
 * copied last and may end in a torn record. The caller then opens the copy with point-in-time WAL recovery. When
 * a flush or compaction changed the file set during the copy the copy is thrown away and taken again.
 */
final class LiveCopy {
    static final int ATTEMPTS = 20;

    private LiveCopy() {}

    /** Copies {@code source} into the new directory {@code target}; returns how many attempts it took. */
    static int copy(Path source, Path target) {
        String lastChange = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Map<String, Long> before = fileSet(source);
                if (!before.containsKey("CURRENT")) {
                    throw new CareledgerException("BACKUP_FAILED", "no RocksDB database at " + source);
                }
                OpsFiles.deleteRecursively(target);
                Files.createDirectories(target);
                // stable files first, the WALs (still appended to) last
                for (String name : before.keySet()) {
                    if (isFile(name) && !isWal(name)) {
                        copyFile(source.resolve(name), target.resolve(name));
                    }
                }
                for (String name : before.keySet()) {
                    if (isFile(name) && isWal(name)) {
                        copyFile(source.resolve(name), target.resolve(name));
                    }
                }
                Map<String, Long> after = fileSet(source);
                if (before.equals(after)) {
                    OpsFiles.sync(target);
                    return attempt;
                }
                lastChange = difference(before, after);
            } catch (NoSuchFileException e) {
                lastChange = e.getFile() + " went away";
                // a file went away mid-copy (compaction, WAL recycling): take the copy again
            } catch (IOException e) {
                throw new CareledgerException("BACKUP_FAILED", "cannot copy " + source + " to " + target + ": " + e);
            }
            try {
                Thread.sleep(50L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CareledgerException("BACKUP_FAILED", "interrupted while copying " + source);
            }
        }
        throw new CareledgerException("BACKUP_UNSTABLE", source + " kept changing (flushes, compactions) during "
                + ATTEMPTS + " copies (last: " + lastChange + "); retry when the node is less busy, or stop it and back up again");
    }

    /**
     * Name → size of every file that makes up the database; a WAL counts by name only (it grows with every write,
     * and its torn tail is what point-in-time recovery is for). The lock and RocksDB's info logs are not data.
     */
    static Map<String, Long> fileSet(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("LOCK") || name.startsWith("LOG") || !Files.isRegularFile(p)) {
                    continue;
                }
                out.put(name, isWal(name) ? -1L : Files.size(p));
            }
        }
        if (out.containsKey("CURRENT")) {
            // CURRENT is rewritten (same size) when a new manifest starts; its text is what matters
            out.put("CURRENT:" + Files.readString(dir.resolve("CURRENT")).strip(), 0L);
        }
        return out;
    }

    private static String difference(Map<String, Long> before, Map<String, Long> after) {
        java.util.List<String> out = new java.util.ArrayList<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                out.add(k + " " + v + " -> " + after.get(k));
            }
        });
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> out.add("new " + k));
        return String.join(", ", out);
    }

    /** Keys of {@link #fileSet} that name a file (not the text of CURRENT). */
    private static boolean isFile(String key) {
        return !key.contains(":");
    }

    private static boolean isWal(String name) {
        return name.endsWith(".log");
    }

    private static void copyFile(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                long n = in.transferTo(done, size - done, out);
                if (n <= 0) {
                    break; // the file shrank: only WALs are read while written, and their tail may be torn anyway
                }
                done += n;
            }
            out.force(true);
        }
    }
}
