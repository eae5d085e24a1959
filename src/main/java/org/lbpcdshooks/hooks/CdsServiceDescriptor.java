package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** One entry of the discovery response (CDS Hooks 2.0 §Discovery). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CdsServiceDescriptor(
        String hook, String title, String description, String id, Map<String, String> prefetch) {}
