package org.careledger.crypto.x509;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.Signer;

/**
 * Private keys on disk as PEM PKCS#8. A key file is created already owner-only (0600): setting permissions after
 * writing would leave a window in which the key is readable by others. An existing file is never overwritten, so a
 * slip on the command line cannot destroy an org's only key.
 */
public final class KeyFiles {
    /** Far larger than any PEM key; stops a wrong path from reading a disk image into memory. */
    private static final long MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() {
    }

    /**
     * Writes {@code signer}'s private key as PEM to a new file with POSIX permissions 0600. On file systems without
     * POSIX permissions (Windows) the file inherits its directory's ACL, so keep keys in a private directory there.
     *
     * @throws CareledgerException KEY_FILE_EXISTS, KEY_FILE_UNWRITABLE or KEY_NOT_EXPORTABLE
     */
    public static void writePrivateKey(Path path, Signer signer) {
        writeSecret(path, Pem.encodePrivateKey(signer).getBytes(StandardCharsets.US_ASCII));
    }

    private static final String X25519_BEGIN = "-----BEGIN CARELEDGER X25519 PRIVATE KEY-----";
    private static final String X25519_END = "-----END CARELEDGER X25519 PRIVATE KEY-----";

    /** Writes an X25519 encryption key pair's private half (raw 32 bytes, base64 in a PEM-style frame), 0600. */
    public static void writeEncryptionKey(Path path, org.careledger.crypto.envelope.EncryptionKeyPair pair) {
        String text = X25519_BEGIN + "\n" + java.util.Base64.getEncoder().encodeToString(pair.privateKey()) + "\n" + X25519_END + "\n";
        writeSecret(path, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a key written by {@link #writeEncryptionKey}. */
    public static org.careledger.crypto.envelope.EncryptionKeyPair readEncryptionKey(Path path) {
        String text;
        try {
            if (Files.size(path) > MAX_KEY_FILE_BYTES) {
                throw new CareledgerException(CryptoErrors.KEY_FILE_MALFORMED, "key file " + path + " is too large");
            }
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_NOT_FOUND, "no key file at " + path, e);
        } catch (IOException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_UNREADABLE, "cannot read key file " + path + ": " + e.getMessage(), e);
        }
        if (!text.startsWith(X25519_BEGIN) || !text.endsWith(X25519_END)) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_MALFORMED, "key file " + path + " is not an X25519 private key");
        }
        try {
            byte[] raw = java.util.Base64.getMimeDecoder().decode(
                    text.substring(X25519_BEGIN.length(), text.length() - X25519_END.length()).trim());
            return org.careledger.crypto.envelope.EncryptionKeyPair.fromPrivateKey(raw);
        } catch (IllegalArgumentException | CareledgerException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_MALFORMED, "key file " + path + " holds no valid X25519 key", e);
        }
    }

    /** Creates a new file readable only by its owner and writes the bytes; never overwrites. */
    public static void writeSecret(Path path, byte[] pem) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        boolean created = false;
        // CREATE_NEW with the permission attribute makes "exists" and "is 0600" one atomic step (O_CREAT|O_EXCL).
        try (FileChannel channel = FileChannel.open(path,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            created = true;
            ByteBuffer buffer = ByteBuffer.wrap(pem);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_EXISTS,
                    "refusing to overwrite existing key file " + path, e);
        } catch (IOException e) {
            if (created) {
                deleteQuietly(path, e);
            }
            throw new CareledgerException(CryptoErrors.KEY_FILE_UNWRITABLE,
                    "cannot write key file " + path + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }

    /**
     * Reads a PEM PKCS#8 Ed25519 or P-256 private key and returns its signer.
     *
     * @throws CareledgerException KEY_FILE_NOT_FOUND, KEY_FILE_UNREADABLE or KEY_FILE_MALFORMED
     */
    public static Signer readSigner(Path path) {
        String pem;
        try {
            if (Files.size(path) > MAX_KEY_FILE_BYTES) {
                throw new CareledgerException(CryptoErrors.KEY_FILE_MALFORMED,
                        "key file " + path + " is larger than any PEM private key");
            }
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_NOT_FOUND, "no key file at " + path, e);
        } catch (AccessDeniedException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_UNREADABLE,
                    "permission denied reading key file " + path, e);
        } catch (IOException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_UNREADABLE,
                    "cannot read key file " + path + ": " + e.getMessage(), e);
        }
        try {
            return Pem.decodePrivateKey(pem);
        } catch (CareledgerException e) {
            throw new CareledgerException(CryptoErrors.KEY_FILE_MALFORMED,
                    "key file " + path + " is not a PEM PKCS#8 Ed25519 or P-256 private key (" + e + ")", e);
        }
    }

    private static void deleteQuietly(Path path, IOException cause) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
