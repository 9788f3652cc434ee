package org.careledger.gateway;

import ca.uhn.fhir.util.FhirTerser;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careledger.fhir.FhirR4;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * References of served records, as a FHIR server answers them. Records keep their FHIR JSON as it was imported, with
 * the transaction's references: {@code urn:uuid:…} full URLs and conditional references
 * ({@code Practitioner?identifier=system|value}), which R4 allows only inside a transaction. When serving,
 * <ul>
 *   <li>a reference to a record served in the same answer ({@code urn:uuid:<id>} or {@code Type/<id>} of the
 *       resource as imported) becomes {@code Type/<recordId>}, the id it is served under;</li>
 *   <li>a conditional reference by one identifier becomes the logical reference it stands for:
 *       {@code type} and {@code identifier}, no {@code reference};</li>
 *   <li>anything else (contained {@code #…}, absolute URLs, targets not in the answer) stays as written.</li>
 * </ul>
 */
public final class ServedReferences {
    private static final Pattern CONDITIONAL = Pattern.compile("([A-Z][A-Za-z]+)\\?identifier=([^|&=]*)\\|([^&=]+)");

    private ServedReferences() {}

    /**
     * Rewrites the references of {@code resource} in place.
     *
     * @param servedIds original reference ({@code urn:uuid:<id>} and {@code Type/<id>}) → {@code Type/<recordId>}
     */
    public static void rewrite(FhirR4 fhir, Resource resource, Map<String, String> servedIds) {
        FhirTerser terser = fhir.context().newTerser();
        for (Reference ref : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (!ref.hasReference()) {
                continue;
            }
            String r = ref.getReference();
            String served = servedIds.get(r);
            if (served != null) {
                ref.setReference(served);
                continue;
            }
            Matcher m = CONDITIONAL.matcher(r);
            if (m.matches()) {
                ref.setReference(null);
                ref.setType(m.group(1));
                Identifier id = new Identifier().setValue(m.group(3));
                if (!m.group(2).isEmpty()) {
                    id.setSystem(m.group(2));
                }
                ref.setIdentifier(id);
            }
        }
    }

    /** The references that name a record as imported, for a served set: its id as written, in both forms. */
    public static void index(Map<String, String> servedIds, Resource asWritten, String recordType, String recordId) {
        if (asWritten.hasIdElement() && asWritten.getIdElement().hasIdPart()) {
            String id = asWritten.getIdElement().getIdPart();
            servedIds.put("urn:uuid:" + id, recordType + "/" + recordId);
            servedIds.put(recordType + "/" + id, recordType + "/" + recordId);
        }
    }
}
