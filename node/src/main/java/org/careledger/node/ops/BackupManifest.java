package org.careledger.node.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;

/**
 * {@code BACKUP.json}, written last into a backup directory once the copy verified: what it holds (org, chain,
 * store height and head, read-log entries and head). A directory without it is an unfinished backup.
 */
public record BackupManifest(String org, String chainId, String dataDir, long height, String headHash,
                             long reads, String readsHead, String createdAt) {
    public static final String FILE_NAME = "BACKUP.json";

    void write(Path backupDir) throws IOException {
        Files.write(backupDir.resolve(FILE_NAME), CanonicalJson.encode(this));
    }

    public static BackupManifest read(Path backupDir) {
        Path file = backupDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new CareledgerException("BACKUP_INVALID", backupDir + " is not a finished careledger backup (no "
                    + FILE_NAME + "); take a new one with 'careledger backup'");
        }
        try {
            return CanonicalJson.decode(Files.readAllBytes(file), BackupManifest.class);
        } catch (IOException | CareledgerException e) {
            throw new CareledgerException("BACKUP_INVALID", file + ": " + e.getMessage());
        }
    }
}
