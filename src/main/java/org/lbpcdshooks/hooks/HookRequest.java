package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.lbpcdshooks.knowledge.CdsServiceDefinition;
import org.lbpcdshooks.prefetch.HookContext;

/**
 * A validated hook call: the fields of the CDS Hooks 2.0 request this service uses. Validation follows the spec's
 * REQUIRED fields per hook; anything wrong is a 400 with a message that names the field.
 */
record HookRequest(String hookInstance, HookContext context, List<String> inFocusOrderReferences) {

    static HookRequest from(JsonNode body, CdsServiceDefinition service) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object");
        }
        var hook = text(body, "hook", "hook");
        if (!hook.equals(service.hook())) {
            throw new InvalidRequestException(
                    "hook '" + hook + "' does not match service '" + service.id() + "', which answers " + service.hook());
        }
        var hookInstance = text(body, "hookInstance", "hookInstance");
        var context = body.get("context");
        if (context == null || !context.isObject()) {
            throw new InvalidRequestException("context must be a JSON object");
        }
        var patientId = text(context, "patientId", "context.patientId");

        JsonNode draftOrders = context.get("draftOrders");
        List<String> selections = List.of();
        switch (hook) {
            case "order-select" -> {
                requireObject(draftOrders, "context.draftOrders");
                selections = selections(context.get("selections"));
            }
            case "order-sign" -> requireObject(draftOrders, "context.draftOrders");
            default -> draftOrders = null;
        }

        var prefetch = new LinkedHashMap<String, JsonNode>();
        var prefetchNode = body.get("prefetch");
        if (prefetchNode != null && !prefetchNode.isNull()) {
            if (!prefetchNode.isObject()) {
                throw new InvalidRequestException("prefetch must be a JSON object");
            }
            prefetchNode.fields().forEachRemaining(field -> {
                if (!field.getValue().isObject() && !field.getValue().isNull()) {
                    throw new InvalidRequestException("prefetch." + field.getKey() + " must be a FHIR resource or null");
                }
                prefetch.put(field.getKey(), field.getValue().isNull() ? null : field.getValue());
            });
        }
        var fhirServer = fhirServer(body.get("fhirServer"));
        var accessToken = accessToken(body.get("fhirAuthorization"));
        var hookContext = new HookContext(patientId, prefetch, fhirServer, accessToken, draftOrders);
        return new HookRequest(hookInstance, hookContext, selections);
    }

    /** On order-select the selections are in focus; on order-sign every draft order is. */
    List<String> inFocus(List<String> draftOrderReferences) {
        if (inFocusOrderReferences.isEmpty()) {
            return draftOrderReferences;
        }
        for (var selection : inFocusOrderReferences) {
            if (!draftOrderReferences.contains(selection)) {
                throw new InvalidRequestException("context.selections names " + selection + ", which is not in draftOrders");
            }
        }
        return inFocusOrderReferences;
    }

    private static List<String> selections(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("context.selections must be a non-empty array of references");
        }
        var selections = new ArrayList<String>();
        for (var item : node) {
            if (!item.isTextual() || !item.asText().matches("[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
                throw new InvalidRequestException("context.selections must hold references like ServiceRequest/123");
            }
            selections.add(item.asText());
        }
        return selections;
    }

    private static String fhirServer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("fhirServer must be a URL string");
        }
        try {
            var uri = URI.create(node.asText());
            if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new InvalidRequestException("fhirServer must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("fhirServer must be an absolute http(s) URL");
        }
        return node.asText();
    }

    private static String accessToken(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("fhirAuthorization must be a JSON object");
        }
        var token = node.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new InvalidRequestException("fhirAuthorization.access_token is required");
        }
        var type = node.get("token_type");
        if (type != null && !"Bearer".equalsIgnoreCase(type.asText())) {
            throw new InvalidRequestException("fhirAuthorization.token_type must be Bearer");
        }
        return token.asText();
    }

    private static void requireObject(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(field + " is required for this hook and must be a FHIR Bundle");
        }
    }

    private static String text(JsonNode node, String name, String field) {
        var value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException(field + " is required and must be a non-empty string");
        }
        return value.asText();
    }
}
