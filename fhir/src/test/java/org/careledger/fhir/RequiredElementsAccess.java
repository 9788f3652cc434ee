package org.careledger.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Opens the package-private {@link RequiredElements} check to the tests of sub-packages. */
public final class RequiredElementsAccess {
    private RequiredElementsAccess() {}

    public static List<String> missing(FhirContext ctx, IBaseResource resource) {
        return RequiredElements.missing(ctx, resource);
    }
}
