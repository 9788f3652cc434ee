package org.careledger.core.research;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A patient's subject id in one study: {@code s-} + the first 128 bits of HMAC-SHA256(patientSecret,
 * "careledger/research/subject/" + studyId) in hex. The patient re-derives it for every study from a secret only its
 * wallet holds; nobody else can link it to the patient or to the same patient's subject id in another study.
 */
public final class SubjectIds {
    public static final int SECRET_BYTES = Hmacs.KEY_BYTES;
    private static final String LABEL = "careledger/research/subject/";

    private SubjectIds() {}

    public static String of(byte[] patientSecret, String studyId) {
        byte[] mac = Hmacs.hmac(patientSecret, "a patient's research secret", LABEL + studyId);
        return "s-" + HexFormat.of().formatHex(Arrays.copyOf(mac, 16));
    }
}
