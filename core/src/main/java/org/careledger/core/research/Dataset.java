package org.careledger.core.research;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.careledger.core.CareledgerException;
import org.careledger.core.merkle.InMemoryMerkleNodeStore;
import org.careledger.core.merkle.MerkleLog;

/**
 * A released dataset: one de-identified resource per line (its canonical JSON), lines sorted by their bytes and
 * separated by {@code \n}. Its root is the RFC 6962 Merkle root over the lines' bytes, one leaf per line in file
 * order, so anyone holding the file re-derives the root a release put on the ledger. See docs/RESEARCH.md.
 */
public final class Dataset {
    private final List<byte[]> lines;

    private Dataset(List<byte[]> lines) {
        this.lines = lines;
    }

    /** The dataset of these resources (any order; sorted here). */
    public static Dataset of(List<byte[]> resources) {
        List<byte[]> sorted = new ArrayList<>();
        for (byte[] r : resources) {
            for (byte b : r) {
                if (b == '\n') {
                    throw new CareledgerException("RESEARCH_DATASET_INVALID", "a dataset resource is one line of"
                            + " canonical JSON; one has a line break");
                }
            }
            sorted.add(r.clone());
        }
        sorted.sort(Arrays::compareUnsigned);
        return new Dataset(List.copyOf(sorted));
    }

    /** A dataset file read back as it is: its lines in file order (a final line break is allowed). */
    public static Dataset parse(byte[] file) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                if (i > start) {
                    lines.add(Arrays.copyOfRange(file, start, i));
                } else if (i < file.length) {
                    throw new CareledgerException("RESEARCH_DATASET_INVALID", "a dataset file has an empty line at"
                            + " byte " + i);
                }
                start = i + 1;
            }
        }
        return new Dataset(List.copyOf(lines));
    }

    public int size() {
        return lines.size();
    }

    public List<byte[]> lines() {
        return lines.stream().map(byte[]::clone).toList();
    }

    /** The file's bytes: the lines joined by {@code \n}, with a final {@code \n}. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The RFC 6962 root over the lines, 64 lowercase hex. */
    public String merkleRoot() {
        MerkleLog log = new MerkleLog(new InMemoryMerkleNodeStore(), 0);
        lines.forEach(log::append);
        return HexFormat.of().formatHex(log.root());
    }
}
