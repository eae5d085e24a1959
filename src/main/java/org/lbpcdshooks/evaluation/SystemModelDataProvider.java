package org.lbpcdshooks.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencds.cqf.cql.engine.data.SystemDataProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Concept;

/**
 * The engine's provider for CQL's System types (Code, Concept, String...), without its per-call reflection: the
 * engine's own provider looks a type name up with {@code Class.forName} at every {@code as} and {@code is} on a
 * System type (the guideline libraries cast to {@code System.Code} in ~100 places) and builds every {@code Code} and
 * {@code Concept} (FHIRHelpers' ToCode and ToConcept) through reflective constructors and setters. Together that was
 * ~3% of an order-select call. Here a name resolves once per engine, and Code and Concept are built directly; any
 * other type and property goes to the engine's provider, unchanged.
 *
 * <p>One per engine, like the provider it replaces: an engine runs on one thread at a time.
 */
final class SystemModelDataProvider extends SystemDataProvider {

    private final Map<String, Class<?>> types = new HashMap<>();

    @Override
    public Class<?> resolveType(String typeName) {
        var type = types.get(typeName);
        if (type == null) {
            type = super.resolveType(typeName); // throws for an unknown type: nothing is remembered then
            types.put(typeName, type);
        }
        return type;
    }

    @Override
    public Object createInstance(String typeName) {
        if ("Code".equals(typeName)) {
            return new Code();
        }
        if ("Concept".equals(typeName)) {
            return new Concept();
        }
        return super.createInstance(typeName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setValue(Object target, String path, Object value) {
        if (target instanceof Code code && setCodeElement(code, path, value)) {
            return;
        }
        if (target instanceof Concept concept) {
            if ("codes".equals(path)) {
                concept.setCodes((List<Code>) value);
                return;
            }
            if ("display".equals(path)) {
                concept.setDisplay((String) value);
                return;
            }
        }
        super.setValue(target, path, value);
    }

    private static boolean setCodeElement(Code code, String path, Object value) {
        switch (path) {
            case "code" -> code.setCode((String) value);
            case "system" -> code.setSystem((String) value);
            case "version" -> code.setVersion((String) value);
            case "display" -> code.setDisplay((String) value);
            default -> {
                return false;
            }
        }
        return true;
    }
}
