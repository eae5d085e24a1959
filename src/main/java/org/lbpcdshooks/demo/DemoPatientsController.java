package org.lbpcdshooks.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.hooks.ApiError;
import org.lbpcdshooks.security.SecurityProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only demo data for the page at {@code /} and for loading a FHIR server ({@code deploy/load-demo-patients.sh}):
 * fictional patients only, dated to the service's today (in {@code lbp.time-zone}), never anything a caller sent.
 */
@RestController
class DemoPatientsController {

    private final DemoPatients patients;
    private final Clock clock;
    private final LbpProperties properties;
    private final SecurityProperties security;
    private final ObjectMapper objectMapper;

    DemoPatientsController(
            DemoPatients patients, Clock clock, LbpProperties properties, SecurityProperties security,
            ObjectMapper objectMapper) {
        this.patients = patients;
        this.clock = clock;
        this.properties = properties;
        this.security = security;
        this.objectMapper = objectMapper;
    }

    /** The patients with their metadata, today's date, and how this service is configured. */
    @GetMapping(path = "/demo/patients", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode index() {
        var today = today();
        var body = objectMapper.createObjectNode();
        body.put("today", today.toString());
        body.put("bundleToday", patients.bundleToday().toString());
        body.putObject("service")
                .put("jurisdiction", properties.jurisdiction())
                .put("setting", properties.setting())
                .put("locale", properties.locale())
                .put("authentication", security.enabled());
        body.set("patients", patients.index(today));
        return body;
    }

    /** One patient's FHIR transaction Bundle (PUT entries), dated to today. */
    @GetMapping(path = "/demo/patients/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> bundle(@PathVariable String id) {
        return patients.bundle(id, today())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(new ApiError(404, "not-found", "No such demo patient")));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(properties.timeZone()));
    }
}
