package org.careledger.api.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;

/**
 * One signature's covered components and parameters, as carried in the {@code Signature-Input} header (RFC 9421
 * §4.1), e.g. {@code sig1=("@method" "@authority" "@path" "@query");created=1733500000;nonce="…";keyid="hospital-a/dr-lee";alg="ed25519"}.
 * careledger reads only this strict subset of RFC 8941 structured fields (one signature, string components, the four
 * parameters), and refuses anything else rather than guess.
 */
public record SignatureParams(String label, List<String> components, long created, String nonce, String keyId,
                              String alg) {
    /** The label careledger gives its one signature ({@code Signature-Input: cl=(…)}). */
    public static final String CARELEDGER_LABEL = "cl";
    private static final Pattern LABEL = Pattern.compile("[a-z*][a-z0-9_.*-]{0,63}");
    private static final Pattern MEMBER = Pattern.compile("([a-z*][a-z0-9_.*-]{0,63})=\\(([^()]*)\\)((?:;[a-z][a-z0-9_-]*=(?:\"[^\"\\\\]*\"|-?[0-9]{1,15}))*)");
    private static final Pattern COMPONENT = Pattern.compile("\"(@?[a-z0-9-]{1,64})\"");
    private static final Pattern PARAM = Pattern.compile(";([a-z][a-z0-9_-]*)=(\"[^\"\\\\]*\"|-?[0-9]{1,15})");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{1,200}");

    public SignatureParams {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw invalid("bad signature label '" + label + "'");
        }
        components = List.copyOf(components);
        for (String v : new String[] {nonce, keyId, alg}) {
            if (v == null || !PRINTABLE.matcher(v).matches()) {
                throw invalid("nonce, keyid and alg must be 1 to 200 printable characters without quotes");
            }
        }
    }

    /** The {@code @signature-params} value: the inner list and its parameters, serialized canonically. */
    public String serialize() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < components.size(); i++) {
            b.append(i == 0 ? "" : " ").append('"').append(components.get(i)).append('"');
        }
        return b.append(");created=").append(created).append(";nonce=\"").append(nonce).append("\";keyid=\"")
                .append(keyId).append("\";alg=\"").append(alg).append('"').toString();
    }

    /** The {@code Signature-Input} header value. */
    public String header() {
        return label + "=" + serialize();
    }

    /** Reads a {@code Signature-Input} header holding exactly one signature. */
    public static SignatureParams parse(String header) {
        if (header == null || header.isBlank()) {
            throw new CareledgerException("AUTH_REQUIRED", "no Signature-Input header");
        }
        Matcher m = MEMBER.matcher(header.strip());
        if (!m.matches()) {
            throw invalid("Signature-Input must hold exactly one signature: label=(\"component\" …);created=…;"
                    + "nonce=\"…\";keyid=\"…\";alg=\"…\"");
        }
        List<String> components = new ArrayList<>();
        String inner = m.group(2).strip();
        if (!inner.isEmpty()) {
            for (String c : inner.split(" +")) {
                Matcher cm = COMPONENT.matcher(c);
                if (!cm.matches()) {
                    throw invalid("covered component " + c + " is not a quoted lowercase name");
                }
                if (components.contains(cm.group(1))) {
                    throw invalid("covered component " + c + " appears twice");
                }
                components.add(cm.group(1));
            }
        }
        Long created = null;
        String nonce = null;
        String keyId = null;
        String alg = null;
        Matcher p = PARAM.matcher(m.group(3));
        while (p.find()) {
            String name = p.group(1);
            String raw = p.group(2);
            boolean quoted = raw.startsWith("\"");
            String value = quoted ? raw.substring(1, raw.length() - 1) : raw;
            switch (name) {
                case "created" -> created = quoted ? null : Long.parseLong(value);
                case "nonce" -> nonce = quoted ? value : null;
                case "keyid" -> keyId = quoted ? value : null;
                case "alg" -> alg = quoted ? value : null;
                case "expires", "tag" -> { } // allowed by RFC 9421; careledger bounds age by created instead
                default -> throw invalid("unknown signature parameter '" + name + "'");
            }
        }
        if (created == null || nonce == null || keyId == null || alg == null) {
            throw invalid("the signature needs the parameters created (integer), nonce, keyid and alg (strings)");
        }
        return new SignatureParams(m.group(1), components, created, nonce, keyId, alg);
    }

    private static CareledgerException invalid(String why) {
        return new CareledgerException("AUTH_INVALID", why);
    }
}
