package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.knowledge.UnknownServiceException;
import org.lbpcdshooks.security.CdsJwtFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

    CdsServicesController(RuleCatalog catalog, HookService hooks, HookRequestReader requestReader) {
        this.catalog = catalog;
        this.hooks = hooks;
        this.requestReader = requestReader;
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
    CdsResponse call(
            @PathVariable String serviceId,
            @RequestBody(required = false) String body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            @RequestAttribute(name = CdsJwtFilter.ISSUER_ATTRIBUTE, required = false) String issuer) {
        if (catalog.service(serviceId).isEmpty()) {
            throw new UnknownServiceException(serviceId);
        }
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The request body is empty; send a CDS Hooks request as JSON");
        }
        try {
            return hooks.call(serviceId, requestReader.read(body), acceptLanguage, issuer);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The request body is not valid JSON");
        }
    }
}
