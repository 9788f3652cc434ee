package org.careledger.core.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;

/**
 * HIPAA Safe Harbor de-identification (45 CFR 164.514(b)(2)) of the FHIR R4 resources (JSON) a site releases for a
 * study: the 18 identifiers removed, dates reduced to the year, ZIP to three digits, ids and references replaced by
 * per-study {@link Pseudonyms}. Rules by field name rather than per resource type, so a field this class has never
 * seen is removed if its name says identifier; only {@link #RELEASED_TYPES} are released at all. {@link #leaks} then
 * searches the output for the input Patient's own identifying strings. See docs/RESEARCH.md.
 */
public final class SafeHarbor {
    /** The Safe Harbor identifiers, (A) to (R), and what removes each here. */
    public static final List<String> IDENTIFIERS = List.of(
            "A names: name, contact, reference display, narrative text and free-text values (valueString) removed",
            "B geographic subdivisions smaller than a state: address reduced to state, country and ZIP3",
            "C dates except year, ages over 89: every date reduced to its year; birth year removed at 90+",
            "D telephone numbers: telecom removed", "E fax numbers: telecom removed", "F email addresses: telecom removed",
            "G social security numbers: identifier removed", "H medical record numbers: identifier removed, ids pseudonymised",
            "I health plan beneficiary numbers: identifier removed; Coverage and Claim not released",
            "J account numbers: identifier removed", "K certificate/licence numbers: identifier removed",
            "L vehicle identifiers: identifier removed", "M device identifiers and serials: udiCarrier, serialNumber,"
                    + " lotNumber, uid removed; Device not released",
            "N URLs: extensions and attachment urls removed", "O IP addresses: no such field is released",
            "P biometric identifiers: photo removed; Media not released",
            "Q full-face photographs: photo removed", "R any other unique number or code: ids and references"
                    + " pseudonymised per study, meta and identifiers removed");
    /** Three-digit ZIP areas of 20,000 people or fewer (HHS guidance, 2000 census): released as {@code 000}. */
    public static final Set<String> RESTRICTED_ZIP3 = Set.of("036", "059", "063", "102", "203", "556", "692", "790",
            "821", "823", "830", "831", "878", "879", "884", "890", "893");
    /** Clinical resource types a release carries; anything else (Claim, Coverage, DocumentReference, Device…) is left out. */
    public static final Set<String> RELEASED_TYPES = Set.of("Patient", "Encounter", "Condition", "Observation",
            "Procedure", "MedicationRequest", "Immunization", "DiagnosticReport", "AllergyIntolerance", "CarePlan");
    public static final String AGE_90_OR_OLDER = "urn:careledger:research:age-90-or-older";

    private static final Set<String> REMOVED = Set.of("identifier", "name", "telecom", "photo", "contact", "note",
            "meta", "implicitRules", "presentedForm", "udiCarrier", "serialNumber", "lotNumber", "uid", "comment",
            "patientInstruction", "modifierExtension", "link", "generalPractitioner", "managingOrganization",
            "data", "url", "title", "extension", "contained", "author", "performer", "participant", "location",
            "serviceProvider", "requester", "recorder", "asserter", "informationSource", "reportOrigin",
            // free-text and typed answers can hold anything: Synthea's PRAPARE survey Observation answers "Address"
            // (LOINC 56799-0) with the patient's street in a valueString
            "valueString", "valueAddress", "valueContactPoint", "valueHumanName", "valueIdentifier",
            "valueAttachment", "valueUri", "valueUrl", "valueReference");
    private static final Set<String> PATIENT_EXTENSIONS = Set.of(
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex");
    /** Keys whose string values are codes, never dates, even when they look like one. */
    private static final Set<String> CODE_KEYS = Set.of("code", "system", "version", "unit", "reference", "id");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})(-[0-9]{2}(-[0-9]{2}(T.*)?)?)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SafeHarbor() {}

    /**
     * One patient's resources de-identified, each as canonical JSON; resources of other types than
     * {@link #RELEASED_TYPES} are left out. {@code referenceYear} is the release's year, for ages over 89.
     */
    public static List<byte[]> deidentify(List<JsonNode> resources, Pseudonyms pseudonyms, int referenceYear) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode resource : resources) {
            String type = resource.path("resourceType").asText("");
            if (!RELEASED_TYPES.contains(type)) {
                continue;
            }
            ObjectNode copy = resource.deepCopy();
            if (type.equals("Patient")) {
                patient(copy, referenceYear);
            }
            clean(copy, pseudonyms);
            out.add(CanonicalJson.encode(copy));
        }
        return out;
    }

    /**
     * One patient's resources (its Patient among them) de-identified and checked with {@link #leaks}: what a site
     * releases. Refuses with {@code RESEARCH_DEID_LEAK}, releasing nothing, if any identifying string survived.
     */
    public static List<byte[]> release(List<JsonNode> resources, Pseudonyms pseudonyms, int referenceYear) {
        List<JsonNode> patients = resources.stream().filter(r -> r.path("resourceType").asText("").equals("Patient"))
                .toList();
        if (patients.size() != 1) {
            throw new CareledgerException("RESEARCH_DATASET_INVALID", "a subject's resources hold exactly one Patient,"
                    + " not " + patients.size());
        }
        List<byte[]> out = deidentify(resources, pseudonyms, referenceYear);
        List<String> leaks = leaks(patients.get(0), out);
        if (!leaks.isEmpty()) {
            throw new CareledgerException("RESEARCH_DEID_LEAK", "de-identification left " + String.join(", ", leaks)
                    + "; nothing is released");
        }
        return out;
    }

    /**
     * Which kinds of the input Patient's identifying strings (names, identifiers, telecom, address parts, full birth
     * date, full ZIP, its resource id) occur in the output, as whole tokens, case-insensitive; empty when none. Names
     * the kind and where, never the value, so the answer itself discloses nothing.
     */
    public static List<String> leaks(JsonNode patient, List<byte[]> output) {
        Map<String, String> needles = new TreeMap<>();
        patient.path("name").forEach(n -> {
            n.path("given").forEach(g -> needles.put(g.asText(), "a given name"));
            needles.put(n.path("family").asText(""), "a family name");
            needles.put(n.path("text").asText(""), "a name");
        });
        patient.path("identifier").forEach(i -> needles.put(i.path("value").asText(""), "an identifier"));
        patient.path("telecom").forEach(t -> needles.put(t.path("value").asText(""), "a telecom value"));
        patient.path("address").forEach(a -> {
            a.path("line").forEach(l -> needles.put(l.asText(), "an address line"));
            needles.put(a.path("city").asText(""), "a city");
            needles.put(a.path("district").asText(""), "a district");
            String zip = a.path("postalCode").asText("");
            if (zip.length() > 3) {
                needles.put(zip, "a full ZIP code");
            }
        });
        patient.path("extension").forEach(e -> needles.put(e.path("valueString").asText(""), "an extension value"));
        String birth = patient.path("birthDate").asText("");
        if (birth.length() > 4) {
            needles.put(birth, "the birth date");
        }
        needles.put(patient.path("id").asText(""), "the patient id");
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < output.size(); i++) {
            String text = new String(output.get(i), java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> n : needles.entrySet()) {
                String needle = n.getKey().strip().toLowerCase(Locale.ROOT);
                if (needle.length() >= 3 && containsToken(text, needle)) {
                    found.add(n.getValue() + " in resource " + (i + 1));
                }
            }
        }
        return List.copyOf(found);
    }

    static boolean containsToken(String text, String needle) {
        int from = 0;
        while (true) {
            int at = text.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            int end = at + needle.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }

    /** The Patient's own rules: address to state/country/ZIP3, the allowed extensions, birth year at 90+. */
    private static void patient(ObjectNode patient, int referenceYear) {
        ArrayNode addresses = NODES.arrayNode();
        patient.path("address").forEach(a -> {
            ObjectNode kept = NODES.objectNode();
            if (a.hasNonNull("state")) {
                kept.put("state", a.get("state").asText());
            }
            if (a.hasNonNull("country")) {
                kept.put("country", a.get("country").asText());
            }
            String zip = a.path("postalCode").asText("");
            if (zip.length() >= 3 && zip.substring(0, 3).chars().allMatch(Character::isDigit)) {
                String zip3 = zip.substring(0, 3);
                kept.put("postalCode", RESTRICTED_ZIP3.contains(zip3) ? "000" : zip3);
            }
            if (!kept.isEmpty()) {
                addresses.add(kept);
            }
        });
        patient.remove("address");
        ArrayNode extensions = NODES.arrayNode();
        patient.path("extension").forEach(e -> {
            if (PATIENT_EXTENSIONS.contains(e.path("url").asText())) {
                ObjectNode kept = e.deepCopy();
                kept.remove("id");
                extensions.add(kept);
            }
        });
        Integer birthYear = year(patient.path("birthDate").asText(""));
        Integer endYear = patient.has("deceasedDateTime") ? year(patient.path("deceasedDateTime").asText("")) : null;
        int ageYear = endYear != null ? endYear : referenceYear;
        boolean over89 = birthYear != null && ageYear - birthYear > 89;
        if (over89) {
            patient.remove("birthDate");
            extensions.add(NODES.objectNode().put("url", AGE_90_OR_OLDER).put("valueBoolean", true));
        }
        clean(patient, null); // removes the rest below; the kept parts are put back after it
        if (!addresses.isEmpty()) {
            patient.set("address", addresses);
        }
        if (!extensions.isEmpty()) {
            patient.set("patientExtension", extensions);
        }
    }

    private static Integer year(String value) {
        var m = DATE.matcher(value);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Removes identifying fields, reduces dates and pseudonymises ids and references, recursively. */
    private static void clean(ObjectNode node, Pseudonyms pseudonyms) {
        if (pseudonyms == null) {
            // the Patient's first pass: only the removals; the main pass runs later with the pseudonyms
            REMOVED.forEach(node::remove);
            node.remove("text");
            return;
        }
        if (node.has("patientExtension")) {
            node.set("extension", node.remove("patientExtension"));
        }
        boolean root = node.has("resourceType");
        if (root) {
            node.remove("text"); // the narrative; a CodeableConcept's text deeper down is kept
            if (node.hasNonNull("id")) {
                node.put("id", pseudonyms.of(node.get("id").asText()));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<String> drop = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (root && key.equals("extension") && node.path("resourceType").asText().equals("Patient")) {
                continue; // the vetted extensions put back by patient(): codes only
            }
            if (REMOVED.contains(key) || key.equals("display") && !node.has("code")) {
                // a display beside a code is the code's meaning; anywhere else (a reference's) it may be a name
                drop.add(key);
            } else if (key.equals("reference") && value.isTextual()) {
                String ref = reference(value.asText(), pseudonyms);
                if (ref == null) {
                    drop.add(key);
                } else {
                    f.setValue(TextNode.valueOf(ref));
                }
            } else if (value.isTextual() && !CODE_KEYS.contains(key)) {
                var m = DATE.matcher(value.asText());
                if (m.matches()) {
                    f.setValue(TextNode.valueOf(m.group(1)));
                }
            } else if (value.isObject()) {
                clean((ObjectNode) value, pseudonyms);
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isObject()) {
                        clean((ObjectNode) item, pseudonyms);
                    }
                }
            }
        }
        drop.forEach(node::remove);
    }

    /** A reference with its target pseudonymised, or null for one that names its target by identifier or URL. */
    private static String reference(String ref, Pseudonyms pseudonyms) {
        if (ref.startsWith("urn:uuid:")) {
            return "urn:uuid:" + pseudonyms.of(ref.substring("urn:uuid:".length()));
        }
        int slash = ref.indexOf('/');
        if (slash > 0 && ref.indexOf('/', slash + 1) < 0 && ref.indexOf('?') < 0
                && ref.substring(0, slash).chars().allMatch(Character::isLetter)) {
            return ref.substring(0, slash) + "/" + pseudonyms.of(ref.substring(slash + 1));
        }
        return null;
    }
}
