package org.careledger.crypto.x509;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;

/**
 * careledger's distinguished names. Encoded most general first (O, then each OU, then CN), the RFC 5280 convention,
 * so tools print them as {@code CN=dr-lee,OU=member,O=hospital-a}. Values are UTF8String, as RFC 5280 recommends.
 */
final class SubjectNames {
    /** RFC 5280's upper bound for CN, O and OU values (ub-common-name etc.). */
    static final int MAX_LENGTH = 64;
    static final String CA_SUFFIX = " CA";

    /** The attributes of a careledger subject name that careledger reads. */
    record Parsed(String org, String commonName, List<String> roles) {
    }

    private SubjectNames() {
    }

    static X500Name caName(String org) {
        requireAttribute("organization", org);
        String commonName = org + CA_SUFFIX;
        requireAttribute("CA common name", commonName);
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, org).addRDN(BCStyle.CN, commonName).build();
    }

    static X500Name leafName(String org, String commonName, List<String> roles) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, org);
        roles.forEach(role -> builder.addRDN(BCStyle.OU, role));
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    /** A value we are willing to put in a name: printable, trimmed, and short enough for RFC 5280 bounds. */
    static void requireAttribute(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID, what + " must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID,
                    what + " '" + value + "' is longer than " + MAX_LENGTH + " characters");
        }
        if (!value.strip().equals(value) || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID,
                    what + " must not have surrounding spaces or control characters");
        }
    }

    /** Reads exactly one O, exactly one CN and any number of OUs; anything else careledger does not issue. */
    static Parsed parse(X500Name name) {
        List<String> orgs = new ArrayList<>();
        List<String> commonNames = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = attribute.getType();
                if (BCStyle.O.equals(type)) {
                    orgs.add(string(attribute.getValue()));
                } else if (BCStyle.CN.equals(type)) {
                    commonNames.add(string(attribute.getValue()));
                } else if (BCStyle.OU.equals(type)) {
                    roles.add(string(attribute.getValue()));
                }
            }
        }
        if (orgs.size() != 1 || commonNames.size() != 1) {
            throw new CareledgerException(CryptoErrors.CERT_MALFORMED,
                    "subject '" + name + "' must have exactly one O and one CN");
        }
        return new Parsed(orgs.getFirst(), commonNames.getFirst(), List.copyOf(roles));
    }

    private static String string(ASN1Encodable value) {
        if (value instanceof ASN1String text) {
            return text.getString();
        }
        throw new CareledgerException(CryptoErrors.CERT_MALFORMED, "subject attribute is not a string");
    }
}
