package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.knowledge.UnknownServiceException;
import org.lbpcdshooks.security.CdsJwtFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The CDS Hooks 2.0 endpoints: discovery ({@code GET /cds-services}) and hook calls ({@code POST /cds-services/{id}}). */
@RestController
class CdsServicesController {

    private final RuleCatalog catalog;
    private final HookService hooks;
    private final HookRequestReader requestReader;
    private final ObjectWriter responseWriter;

    CdsServicesController(RuleCatalog catalog, HookService hooks, HookRequestReader requestReader, ObjectMapper json) {
        this.catalog = catalog;
        this.hooks = hooks;
        this.requestReader = requestReader;
        this.responseWriter = json.writerFor(CdsResponse.class);
    }

    @GetMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<CdsServiceDescriptor>> discovery() {
        return Map.of("services", catalog.services().stream()
                .map(service -> new CdsServiceDescriptor(
                        service.hook(), service.title(), service.description(), service.id(), service.prefetch()))
                .toList());
    }

    @PostMapping(
            path = "/cds-services/{serviceId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> call(
            @PathVariable String serviceId,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestAttribute(name = CdsJwtFilter.ISSUER_ATTRIBUTE, required = false) String issuer)
            throws JsonProcessingException {
        if (catalog.service(serviceId).isEmpty()) {
            throw new UnknownServiceException(serviceId);
        }
        if (body == null || isBlank(body)) {
            throw new InvalidRequestException("The request body is empty; send a CDS Hooks request as JSON");
        }
        JsonNode request;
        try {
            request = requestReader.read(body, contentType);
        } catch (IOException e) {
            throw new InvalidRequestException("The request body is not valid JSON");
        }
        var response = hooks.call(serviceId, request, acceptLanguage, issuer);
        // Written whole, so it goes out with a Content-Length in one write: a streamed body is chunked, and its
        // terminating chunk costs the service a second write per call.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(responseWriter.writeValueAsBytes(response));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
