package org.lbpcdshooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

/**
 * The engine's R4 model resolver, minus a per-access cost: the stock {@code resolvePath} splits every property path
 * with a freshly compiled regular expression, also for the single-name paths that are nearly all CQL property
 * accesses. Those go straight to the property; dotted or indexed paths take the stock route.
 */
public class DirectPropertyModelResolver extends R4FhirModelResolver {

    public DirectPropertyModelResolver(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    public Object resolvePath(Object target, String path) {
        if (path != null && path.indexOf('.') < 0 && path.indexOf('[') < 0) {
            return resolveProperty(target, path);
        }
        return super.resolvePath(target, path);
    }
}
