package org.lbpcdshooks.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.UUID;

/** Builds a CDS Hooks request from a demo patient the way {@code static/demo.js} does (buildRequest). */
final class DemoRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LinkedHashMap<String, String> PREFETCH = new LinkedHashMap<>();

    static {
        PREFETCH.put("patient", "Patient");
        PREFETCH.put("conditions", "Condition");
        PREFETCH.put("observations", "Observation");
        PREFETCH.put("medicationRequests", "MedicationRequest");
        PREFETCH.put("serviceRequests", "ServiceRequest");
        PREFETCH.put("procedures", "Procedure");
        PREFETCH.put("allergyIntolerances", "AllergyIntolerance");
    }

    private DemoRequests() {}

    /** The patient's own hook with its draft orders (all of them in focus when the vignette names no selection). */
    static ObjectNode asThePageBuildsIt(JsonNode patient, JsonNode bundle) {
        var hook = patient.get("hook").asText();
        var request = JSON.createObjectNode();
        request.put("hook", hook);
        request.put("hookInstance", UUID.randomUUID().toString());
        var context = request.putObject("context");
        context.put("userId", "Practitioner/demo-clinician");
        context.put("patientId", patient.get("id").asText());
        if (!"patient-view".equals(hook)) {
            var drafts = context.putObject("draftOrders");
            drafts.put("resourceType", "Bundle");
            drafts.put("type", "collection");
            var entries = drafts.putArray("entry");
            patient.get("draftOrders").forEach(order -> entries.addObject().set("resource", order));
            if ("order-select".equals(hook)) {
                var selections = context.putArray("selections");
                if (patient.get("selections").isEmpty()) {
                    patient.get("draftOrders").forEach(order ->
                            selections.add(order.get("resourceType").asText() + "/" + order.get("id").asText()));
                } else {
                    patient.get("selections").forEach(selections::add);
                }
            }
        }
        var prefetch = request.putObject("prefetch");
        PREFETCH.forEach((key, type) -> {
            var searchset = JSON.createObjectNode();
            searchset.put("resourceType", "Bundle");
            searchset.put("type", "searchset");
            var entries = searchset.putArray("entry");
            bundle.get("entry").forEach(entry -> {
                if (type.equals(entry.at("/resource/resourceType").asText())) {
                    entries.addObject().set("resource", entry.get("resource"));
                }
            });
            searchset.put("total", entries.size());
            prefetch.set(key, "Patient".equals(type) ? entries.get(0).get("resource") : searchset);
        });
        return request;
    }
}
