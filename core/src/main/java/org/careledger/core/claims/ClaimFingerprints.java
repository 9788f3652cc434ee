package org.careledger.core.claims;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of billed services under the patient's claims key (HMAC-SHA256 of the JDK): equal for the same
 * service of the same patient whoever computes them, and useless to anyone without the key, whose small code space
 * a plain hash would give away. See docs/CLAIMS.md ("Phantom and duplicate billing").
 */
public final class ClaimFingerprints {
    public static final int KEY_BYTES = 32;
    private static final String FINGERPRINT = "careledger/claims/fp/v1\n";
    private static final String SERVICE = "careledger/claims/service/v1\n";

    private ClaimFingerprints() {}

    /** The duplicate key of a service on a day: 64 lowercase hex. */
    public static String fingerprint(byte[] patientKey, ServiceCode service, String serviceDate) {
        return hmac(patientKey, FINGERPRINT + service.key() + "\n" + serviceDate);
    }

    /** The scope tag of a service in a prior authorization (no date): 64 lowercase hex. */
    public static String serviceTag(byte[] patientKey, ServiceCode service) {
        return hmac(patientKey, SERVICE + service.key());
    }

    /**
     * What the insurer checks before adjudicating (the contract cannot: it sees no codes): the fingerprints a claim
     * was submitted with, line by line, are those of its content. Null when they are, else which line is not.
     */
    public static String mismatch(byte[] patientKey, ClaimContent claim, java.util.List<String> submitted) {
        if (submitted.size() != claim.lines().size()) {
            return "claim " + claim.claimId() + " has " + claim.lines().size() + " lines but was submitted with "
                    + submitted.size() + " fingerprints";
        }
        for (int i = 0; i < submitted.size(); i++) {
            if (!fingerprint(patientKey, claim.lines().get(i).service(), claim.serviceDate()).equals(submitted.get(i))) {
                return "claim " + claim.claimId() + " line " + (i + 1) + " was submitted with a fingerprint that is"
                        + " not its service's on " + claim.serviceDate();
            }
        }
        return null;
    }

    private static String hmac(byte[] key, String message) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a patient's claims key is " + KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
