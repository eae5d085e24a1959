package org.lbpcdshooks.knowledge;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencds.cqf.cql.engine.model.CachingModelResolverDecorator;
import org.opencds.cqf.cql.engine.model.ModelResolver;

/**
 * The engine's caching model resolver, with a retrieve's context path (how a resource type refers to its patient)
 * found in two map reads. The stock decorator lists the model's package names anew, in a new list, for every
 * retrieve before it looks in its cache (in-process order-select 0.70 -> 0.63 ms per call without it).
 */
final class CachingFhirModelResolver extends CachingModelResolverDecorator {

    private final Map<String, Map<String, Optional<Object>>> contextPaths = new ConcurrentHashMap<>();

    CachingFhirModelResolver(ModelResolver resolver) {
        super(resolver);
    }

    @Override
    public Object getContextPath(String contextType, String targetType) {
        if (contextType == null || targetType == null) {
            return super.getContextPath(contextType, targetType);
        }
        var byTarget = contextPaths.get(contextType);
        if (byTarget == null) {
            byTarget = contextPaths.computeIfAbsent(contextType, type -> new ConcurrentHashMap<>());
        }
        var path = byTarget.get(targetType);
        if (path == null) {
            path = byTarget.computeIfAbsent(
                    targetType, type -> Optional.ofNullable(super.getContextPath(contextType, type)));
        }
        return path.orElse(null);
    }
}
