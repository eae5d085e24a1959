package org.lbpcdshooks.cards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.lbpcdshooks.evaluation.OrderAppropriateness;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.springframework.stereotype.Component;

/**
 * Turns the appropriateness of each in-focus imaging order into a CDS Hooks systemAction: an {@code update} of the
 * draft order carrying an appropriateness extension (rating and the catalogue rules behind it), as appropriate use
 * criteria consultations (PAMA) record them on the order. The order goes back as the EHR sent it, with only that
 * extension added (or replaced): nothing the EHR wrote is reformatted or dropped, and it is not encoded again.
 */
@Component
public class SystemActionRenderer {

    static final String EXTENSION = "http://lbp-cds-hooks.org/fhir/StructureDefinition/imaging-appropriateness";
    static final String RATING_SYSTEM = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-appropriateness";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CodeDisplays displays;

    public SystemActionRenderer(CodeDisplays displays) {
        this.displays = displays;
    }

    public List<SuggestionAction> render(List<OrderAppropriateness> ratings, RenderContext context) {
        var actions = new ArrayList<SuggestionAction>();
        for (var rating : ratings) {
            var draft = context.draftOrderJson().get(rating.orderReference());
            if (draft == null) {
                continue;
            }
            var order = draft.deepCopy();
            var extensions = order.path("extension") instanceof ArrayNode present ? present : order.putArray("extension");
            for (int i = extensions.size() - 1; i >= 0; i--) {
                if (EXTENSION.equals(extensions.get(i).path("url").asText())) {
                    extensions.remove(i);
                }
            }
            extensions.add(appropriateness(rating));
            var description = "Appropriateness of " + rating.orderReference() + ": " + rating.rating()
                    + (rating.basis().isEmpty() ? "" : " (" + String.join(", ", rating.basis()) + ")");
            actions.add(new SuggestionAction("update", description, order, null));
        }
        return actions;
    }

    private ObjectNode appropriateness(OrderAppropriateness rating) {
        var extension = NODES.objectNode().put("url", EXTENSION);
        var parts = extension.putArray("extension");
        var coding = parts.addObject().put("url", "rating").putObject("valueCoding")
                .put("system", RATING_SYSTEM)
                .put("code", rating.rating());
        var display = displays.display(RATING_SYSTEM, rating.rating(), "en");
        if (display != null) {
            coding.put("display", display);
        }
        rating.basis().forEach(basis -> parts.addObject().put("url", "basis").put("valueString", basis));
        return extension;
    }
}
