package org.lbpcdshooks.cards;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * The FHIR resources a response carries (suggested orders and referrals, the draft order a systemAction updates) as
 * JSON. Encoded with a FHIR context of its own that does not contain referenced resources automatically: these
 * resources refer to others by reference only, and the shared context's containment step walked every element of
 * every resource looking for targets (~2% of an order-select call). The shared context keeps HAPI's default.
 */
@Component
public class ResourceJson {

    private final FhirContext fhirContext = FhirContext.forR4();
    private final ObjectMapper objectMapper;

    public ResourceJson(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        fhirContext.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
    }

    public JsonNode of(IBaseResource resource) {
        try {
            return objectMapper.readTree(fhirContext.newJsonParser().encodeResourceToString(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI produced JSON that Jackson cannot read", e);
        }
    }
}
