package org.lbpcdshooks.knowledge;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeChildPrimitiveDatatypeDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseEnumeration;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.AnnotatedUuidType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.TimeType;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

/**
 * The engine's R4 model resolver, minus two per-access costs on the hottest path of CQL evaluation, property access:
 * the stock {@code resolvePath} splits every path with a freshly compiled regular expression, and the stock
 * {@code resolveProperty} looks up the element definition and the child by name (hash lookups and, for choice types,
 * a scan of all children) on every access. Single-name paths go straight to the property, whose child definition is
 * looked up once per element class and name; the value handling is the stock one. A primitive's value is read
 * without the stock dispatch on the class name, and a date's CQL value is kept with the element. Dotted or indexed
 * paths take the stock route.
 */
public class DirectPropertyModelResolver extends R4FhirModelResolver {

    /** How to read one property of one element class; immutable, shared by all requests. */
    private record Property(BaseRuntimeChildDefinition child, Class<?> choiceTypeOrNull) {}

    private static final Optional<Property> ABSENT = Optional.empty();

    /** The CQL value of a date or time element and the text it was converted from. */
    private record Converted(String text, Object value) {}

    private static final String CONVERTED = DirectPropertyModelResolver.class.getName() + ".cqlValue";

    private final Map<Class<?>, Map<String, Optional<Property>>> properties = new ConcurrentHashMap<>();

    public DirectPropertyModelResolver(FhirContext fhirContext) {
        super(fhirContext);
    }

    /**
     * The stock initialisation also scans all ~145 R4 resource types up front, through reflection on HAPI's private
     * fields (about a tenth of startup). HAPI scans a type on its first use instead, under the context's lock, and the
     * start-up warm-up touches the types the rules read; so only the engine's uuid type fix is kept.
     */
    @Override
    protected void initialize() {
        getFhirContext().registerCustomType(AnnotatedUuidType.class);
    }

    @Override
    public Object resolvePath(Object target, String path) {
        if (path != null && path.indexOf('.') < 0 && path.indexOf('[') < 0) {
            return resolveProperty(target, path);
        }
        return super.resolvePath(target, path);
    }

    @Override
    protected Object resolveProperty(Object target, String path) {
        if (target instanceof IPrimitiveType<?> primitive && "value".equals(path)) {
            return valueOf(primitive);
        }
        if (!(target instanceof IBase base) || target instanceof IPrimitiveType<?>) {
            return super.resolveProperty(target, path);
        }
        if (target instanceof IAnyResource resource && resource.fhirType().equals(path)) {
            return target;
        }
        var property = properties
                .computeIfAbsent(target.getClass(), type -> new ConcurrentHashMap<>())
                .computeIfAbsent(path, name -> lookUp(base, name));
        if (property.isEmpty()) {
            return null;
        }
        var child = property.get().child();
        var values = child.getAccessor().getValues(base);
        if (values == null || values.isEmpty()) {
            return null;
        }
        // A primitive (or enumeration) without a value is null, as in the stock resolver.
        if (child instanceof RuntimeChildPrimitiveDatatypeDefinition
                && values.get(0) instanceof IPrimitiveType<?> primitive
                && !primitive.hasValue()) {
            return null;
        }
        // A typed choice path (valueQuantity) is null when the element holds another type.
        var choiceType = property.get().choiceTypeOrNull();
        if (choiceType != null && !values.get(0).getClass().getSimpleName().equalsIgnoreCase(choiceType.getSimpleName())) {
            return null;
        }
        return toJavaPrimitive(child.getMax() < 1 ? values : values.get(0), base);
    }

    /**
     * The CQL value of a primitive's {@code value}, as the stock resolver gives it. Dates and times are converted once
     * per element (through a calendar, the costliest single step of reading a date) and kept with the element, keyed
     * by its text so that a changed value is converted again; other primitives skip the stock name-based dispatch.
     */
    private Object valueOf(IPrimitiveType<?> primitive) {
        if (primitive instanceof IBaseEnumeration<?>) {
            return primitive.getValueAsString();
        }
        if (!primitive.hasValue()) {
            return null;
        }
        if (primitive instanceof BaseDateTimeType temporal && primitive instanceof Base element) {
            var text = temporal.getValueAsString();
            if (element.getUserData(CONVERTED) instanceof Converted converted && converted.text().equals(text)) {
                return converted.value();
            }
            var value = CommonTemporalForms.toCql(temporal, text);
            if (value == null) {
                value = super.resolveProperty(primitive, "value");
            }
            element.setUserData(CONVERTED, new Converted(text, value));
            return value;
        }
        if (primitive instanceof TimeType || primitive instanceof IdType || primitive instanceof Base64BinaryType) {
            return super.resolveProperty(primitive, "value");
        }
        return primitive.getValue();
    }

    private Optional<Property> lookUp(IBase base, String path) {
        var definition = resolveRuntimeDefinition(base);
        var child = definition.getChildByName(path);
        if (child == null) {
            child = resolveChoiceProperty(definition, path);
        }
        if (child == null) {
            return ABSENT;
        }
        Class<?> choiceType = null;
        if (child instanceof RuntimeChildChoiceDefinition choice && !choice.getElementName().equalsIgnoreCase(path)) {
            var typed = choice.getChildByName(path);
            if (typed == null) {
                return ABSENT;
            }
            choiceType = typed.getImplementingClass();
        }
        return Optional.of(new Property(child, choiceType));
    }
}
