package org.lbpcdshooks.cards;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.lbpcdshooks.evaluation.OrderAppropriateness;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.springframework.stereotype.Component;

/**
 * Turns the appropriateness of each in-focus imaging order into a CDS Hooks systemAction: an {@code update} of the
 * draft order carrying an appropriateness extension (rating and the catalogue rules behind it), as appropriate use
 * criteria consultations (PAMA) record them on the order.
 */
@Component
public class SystemActionRenderer {

    static final String EXTENSION = "http://lbp-cds-hooks.org/fhir/StructureDefinition/imaging-appropriateness";
    static final String RATING_SYSTEM = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-appropriateness";

    private final ResourceJson resourceJson;
    private final CodeDisplays displays;

    public SystemActionRenderer(ResourceJson resourceJson, CodeDisplays displays) {
        this.resourceJson = resourceJson;
        this.displays = displays;
    }

    public List<SuggestionAction> render(List<OrderAppropriateness> ratings, RenderContext context) {
        var actions = new ArrayList<SuggestionAction>();
        for (var rating : ratings) {
            var draft = context.draftOrders().get(rating.orderReference());
            if (draft == null) {
                continue;
            }
            var order = draft.copy();
            var extension = new Extension(EXTENSION);
            extension.addExtension("rating", new Coding(RATING_SYSTEM, rating.rating(),
                    displays.display(RATING_SYSTEM, rating.rating(), "en")));
            rating.basis().forEach(basis -> extension.addExtension("basis", new StringType(basis)));
            ((org.hl7.fhir.r4.model.DomainResource) order).getExtension()
                    .removeIf(existing -> EXTENSION.equals(existing.getUrl()));
            ((org.hl7.fhir.r4.model.DomainResource) order).addExtension(extension);
            var description = "Appropriateness of " + rating.orderReference() + ": " + rating.rating()
                    + (rating.basis().isEmpty() ? "" : " (" + String.join(", ", rating.basis()) + ")");
            actions.add(new SuggestionAction("update", description, resourceJson.of(order), null));
        }
        return actions;
    }
}
