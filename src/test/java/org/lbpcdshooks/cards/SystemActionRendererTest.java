package org.lbpcdshooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.evaluation.OrderAppropriateness;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.lbpcdshooks.knowledge.KnowledgeRepository;

/** The systemAction hands the EHR its own draft order back, with the appropriateness extension as the one change. */
class SystemActionRendererTest {

    /** Read as the service reads hook requests: decimals exact. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final KnowledgeRepository KNOWLEDGE =
            KnowledgeRepository.fromClasspath(FhirContext.forR4Cached(), "fhir-resources");

    private final SystemActionRenderer renderer = new SystemActionRenderer(new CodeDisplays(KNOWLEDGE));

    @Test
    void theDraftComesBackAsSentWithTheRatingReplacingAnEarlierOne() throws Exception {
        var draft = (ObjectNode) JSON.readTree("""
                {"resourceType": "ServiceRequest", "id": "mri-1", "status": "draft", "intent": "order",
                 "extension": [
                   {"url": "http://ehr.example/order-set", "valueString": "back pain"},
                   {"url": "%s", "extension": [{"url": "rating", "valueCoding": {"code": "appropriate"}}]}],
                 "code": {"coding": [{"system": "http://loinc.org", "code": "24967-2"}], "text": "MRI L-spine"},
                 "quantityQuantity": {"value": 1.50},
                 "subject": {"reference": "Patient/p1"}}""".formatted(SystemActionRenderer.EXTENSION));
        var sent = draft.deepCopy();

        var actions = renderer.render(
                List.of(new OrderAppropriateness("ServiceRequest/mri-1", "not-appropriate", List.of("LBP-IMG-01"))),
                context(Map.of("ServiceRequest/mri-1", draft)));

        assertThat(actions).hasSize(1);
        var order = (ObjectNode) actions.get(0).resource();
        assertThat(actions.get(0).type()).isEqualTo("update");
        assertThat(order.path("extension")).hasSize(2);
        assertThat(order.path("extension").get(0)).isEqualTo(sent.path("extension").get(0));
        var rating = order.path("extension").get(1);
        assertThat(rating.path("url").asText()).isEqualTo(SystemActionRenderer.EXTENSION);
        assertThat(rating.at("/extension/0/valueCoding/code").asText()).isEqualTo("not-appropriate");
        assertThat(rating.at("/extension/0/valueCoding/system").asText()).isEqualTo(SystemActionRenderer.RATING_SYSTEM);
        assertThat(rating.at("/extension/0/valueCoding/display").asText()).isNotBlank();
        assertThat(rating.at("/extension/1/valueString").asText()).isEqualTo("LBP-IMG-01");
        // Everything else exactly as the EHR wrote it (the decimal's trailing zero too), and the request untouched.
        var withoutExtensions = order.deepCopy();
        withoutExtensions.remove("extension");
        var sentWithoutExtensions = sent.deepCopy();
        sentWithoutExtensions.remove("extension");
        assertThat(withoutExtensions).isEqualTo(sentWithoutExtensions);
        assertThat(order.at("/quantityQuantity/value").decimalValue().toPlainString()).isEqualTo("1.50");
        assertThat(draft).isEqualTo(sent);
    }

    @Test
    void aDraftWithoutExtensionsGetsJustTheRatingAndAnUnknownOrderNothing() throws Exception {
        var draft = (ObjectNode) JSON.readTree("""
                {"resourceType": "ServiceRequest", "id": "ct-1", "status": "draft", "intent": "order",
                 "subject": {"reference": "Patient/p1"}}""");

        var actions = renderer.render(List.of(
                        new OrderAppropriateness("ServiceRequest/ct-1", "appropriate", List.of()),
                        new OrderAppropriateness("ServiceRequest/gone", "appropriate", List.of())),
                context(Map.of("ServiceRequest/ct-1", draft)));

        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).resource().path("extension")).hasSize(1);
        assertThat(actions.get(0).resource().at("/extension/0/extension")).hasSize(1);
        assertThat(actions.get(0).description()).isEqualTo("Appropriateness of ServiceRequest/ct-1: appropriate");
    }

    private static RenderContext context(Map<String, ObjectNode> drafts) {
        return new RenderContext(Language.EN, "p1", Map.of(), drafts, Instant.parse("2026-11-23T10:00:00Z"));
    }
}
