package org.careledger.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A structural check without the validator module (which needs dependencies this module does not have): walks a
 * resource with HAPI's R4 model definitions and lists every element the specification requires (min ≥ 1) that is
 * absent wherever its parent is present.
 */
final class RequiredElements {

    private RequiredElements() {}

    static List<String> missing(FhirContext ctx, IBaseResource resource) {
        List<String> missing = new ArrayList<>();
        walk(ctx, ctx.getResourceDefinition(resource), resource, resource.fhirType(), missing);
        return missing;
    }

    private static void walk(FhirContext ctx, BaseRuntimeElementDefinition<?> def, IBase element, String path,
            List<String> missing) {
        if (!(def instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
            return; // primitives have no children to check
        }
        for (BaseRuntimeChildDefinition child : composite.getChildren()) {
            List<IBase> values = child.getAccessor().getValues(element);
            String childPath = path + "." + child.getElementName();
            if (child.getMin() > 0 && values.stream().allMatch(IBase::isEmpty)) {
                missing.add(childPath);
            }
            for (IBase value : values) {
                BaseRuntimeElementDefinition<?> childDef = value instanceof IBaseResource r
                        ? ctx.getResourceDefinition(r)
                        : child.getChildByName(child.getChildNameByDatatype(value.getClass()));
                if (childDef != null) {
                    walk(ctx, childDef, value, childPath, missing);
                }
            }
        }
    }
}
