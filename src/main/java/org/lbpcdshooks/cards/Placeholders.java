package org.lbpcdshooks.cards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Concept;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.DateTime;

/**
 * Fills {@code {name}} placeholders in card texts with the facts a rule's CQL returned. Codes are shown with the
 * display of their code system in the card language, so "saddle-anaesthesia" reads as the clinician's word for it.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    private static final String UNKNOWN = "–";

    private final CodeDisplays displays;

    Placeholders(CodeDisplays displays) {
        this.displays = displays;
    }

    String fill(String template, Map<String, Object> facts, Language language) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        var text = new StringBuilder();
        while (matcher.find()) {
            var name = matcher.group(1);
            var replacement = facts.containsKey(name) ? format(facts.get(name), language) : matcher.group();
            matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    String format(Object value, Language language) {
        if (value == null) {
            return UNKNOWN;
        }
        if (value instanceof Iterable<?> values) {
            var parts = new ArrayList<String>();
            values.forEach(item -> parts.add(format(item, language)));
            return parts.isEmpty() ? UNKNOWN : String.join(", ", parts);
        }
        if (value instanceof Code code) {
            var display = displays.display(code.getSystem(), code.getCode(), language.code());
            return display != null ? display : code.getDisplay() != null ? code.getDisplay() : code.getCode();
        }
        if (value instanceof Concept concept && !concept.getCodes().isEmpty()) {
            return format(concept.getCodes().get(0), language);
        }
        if (value instanceof Date date) {
            return date.getDate().toString();
        }
        if (value instanceof DateTime dateTime) {
            return dateTime.getDateTime().toLocalDate().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
