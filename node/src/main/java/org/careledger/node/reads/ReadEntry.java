package org.careledger.node.reads;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.careledger.api.records.ReadLogEntry;
import org.careledger.contracts.records.Identifiers;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;

/**
 * One logged read: who ({@code caller}, an identity id such as {@code hospital-a/dr-lee} or {@code patient/p-…})
 * read what ({@code kind}, {@code subject}) about which patient (a pseudonym, never a name), when by the node's wall
 * clock, and at which ledger height the answer was taken.
 *
 * <p><b>Canonical bytes</b> (what {@code hash} covers, recomputable by anyone): {@link CanonicalJson#encode} of the
 * object with exactly the keys {@code atMillis, caller, callerOrg, height, kind, patientId, prevHash, seq, subject}
 * — keys sorted, no whitespace, UTF-8, numbers as JSON integers, {@code kind} as the constant's name, {@code subject}
 * {@code ""} when there is none. For example
 * {@code {"atMillis":1700000000000,"caller":"hospital-a/dr-lee","callerOrg":"hospital-a","height":12,"kind":"RECORD_LIST","patientId":"p-7f3a9c","prevHash":"00…00","seq":0,"subject":""}}.
 * {@code hash} is the lowercase hex SHA-256 of those bytes; {@code prevHash} is the previous entry's {@code hash},
 * or {@link #ZERO_HASH} for seq 0. The stored value is the same encoding with {@code hash} added as a tenth key.
 */
public record ReadEntry(long seq, long atMillis, String caller, String callerOrg, String patientId, ReadKind kind,
                        String subject, long height, String prevHash, String hash) {
    /** prevHash of seq 0. */
    public static final String ZERO_HASH = "0".repeat(64);
    /** Keys are 16 decimal digits; far beyond any node's lifetime of reads. */
    public static final long MAX_SEQ = 9_999_999_999_999_999L;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ReadEntry {
        requireCaller(caller, callerOrg);
        requirePatient(patientId);
        if (kind == null) {
            throw new CareledgerException("READ_ENTRY_INVALID", "a read needs a kind");
        }
        subject = subject == null ? "" : subject;
        if (!subject.isEmpty() && !Identifiers.isId(subject)) {
            throw new CareledgerException("READ_SUBJECT_INVALID", "subject must be empty or an opaque id matching "
                    + Identifiers.ID.pattern() + " (a record, grant or org id), got '" + shown(subject) + "'");
        }
        if (seq < 0 || seq > MAX_SEQ || atMillis < 0 || height < 0) {
            throw new CareledgerException("READ_ENTRY_INVALID", "seq, atMillis and height must be non-negative (seq "
                    + seq + ", atMillis " + atMillis + ", height " + height + ")");
        }
        if (prevHash == null || !HEX64.matcher(prevHash).matches() || hash == null || !HEX64.matcher(hash).matches()) {
            throw new CareledgerException("READ_ENTRY_INVALID", "prevHash and hash must be 64 lowercase hex digits");
        }
    }

    /** The entry following {@code prevHash}, with its hash computed from the canonical bytes. */
    static ReadEntry chained(long seq, long atMillis, String caller, String callerOrg, String patientId, ReadKind kind,
                             String subject, long height, String prevHash) {
        ReadEntry unhashed = new ReadEntry(seq, atMillis, caller, callerOrg, patientId, kind, subject, height,
                prevHash, ZERO_HASH);
        return new ReadEntry(seq, atMillis, caller, callerOrg, patientId, kind, unhashed.subject, height, prevHash,
                unhashed.computeHash());
    }

    /** The entry as the API serves it ({@code apiReads} of a patient's disclosures); the same fields, kind by name. */
    public ReadLogEntry wire() {
        return new ReadLogEntry(seq, atMillis, caller, callerOrg, patientId, kind.name(), subject, height, prevHash,
                hash);
    }

    /** The bytes {@code hash} covers: every field but the hash, as described in the class comment. */
    public byte[] canonicalBytes() {
        return CanonicalJson.encode(fields());
    }

    /** SHA-256 of {@link #canonicalBytes()}, lowercase hex; equals {@code hash} for an untampered entry. */
    public String computeHash() {
        return Hash.sha256(canonicalBytes()).hex();
    }

    /** What the log stores under the entry's key: the canonical object plus {@code hash}. */
    byte[] storedBytes() {
        Map<String, Object> m = fields();
        m.put("hash", hash);
        return CanonicalJson.encode(m);
    }

    /** Parses stored bytes; refuses anything that is not exactly the canonical encoding of a valid entry. */
    static ReadEntry fromStoredBytes(byte[] stored) {
        ReadEntry e = CanonicalJson.decode(stored, ReadEntry.class);
        if (!java.util.Arrays.equals(e.storedBytes(), stored)) {
            throw new CareledgerException("READ_ENTRY_INVALID", "stored bytes are not the canonical encoding: "
                    + shown(new String(stored, StandardCharsets.UTF_8)));
        }
        return e;
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new TreeMap<>();
        m.put("atMillis", atMillis);
        m.put("caller", caller);
        m.put("callerOrg", callerOrg);
        m.put("height", height);
        m.put("kind", kind.name());
        m.put("patientId", patientId);
        m.put("prevHash", prevHash);
        m.put("seq", seq);
        m.put("subject", subject);
        return m;
    }

    static void requirePatient(String patientId) {
        if (!Identifiers.isPatientId(patientId)) {
            throw new CareledgerException("READ_PATIENT_INVALID", "patient id '" + shown(patientId)
                    + "' must be a pseudonym matching " + Identifiers.PATIENT_ID.pattern());
        }
    }

    /** An identity id is {@code <org>/<name>} with both parts opaque ids; callerOrg is its first part. */
    private static void requireCaller(String caller, String callerOrg) {
        int slash = caller == null ? -1 : caller.indexOf('/');
        if (caller == null || caller.isBlank() || slash < 0
                || !Identifiers.isId(caller.substring(0, slash))
                || !Identifiers.isId(caller.substring(slash + 1))) {
            throw new CareledgerException("READ_CALLER_INVALID", "caller '" + shown(caller)
                    + "' must be an identity id such as hospital-a/dr-lee or patient/p-7f3a9c");
        }
        if (!caller.substring(0, slash).equals(callerOrg)) {
            throw new CareledgerException("READ_CALLER_INVALID", "caller " + caller + " does not belong to org '"
                    + shown(callerOrg) + "'");
        }
    }

    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
