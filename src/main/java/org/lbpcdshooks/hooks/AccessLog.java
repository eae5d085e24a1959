package org.lbpcdshooks.hooks;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One structured line per CDS Hooks request (logger {@code lbp.access}): method, path, status, duration, hook,
 * hookInstance and the rule ids that fired. Never patient identifiers, resource bodies, tokens or JWTs.
 */
public final class AccessLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("lbp.access");
    private static final String HOOK = "lbp.access.hook";
    private static final String HOOK_INSTANCE = "lbp.access.hookInstance";
    private static final String RULES = "lbp.access.rules";
    private static final Pattern HOOK_INSTANCE_FORM = Pattern.compile("[A-Za-z0-9\\-]{1,64}");
    private static final Pattern SERVICE_PATH = Pattern.compile("/cds-services(/[a-z0-9\\-]{1,64}(/feedback)?)?");

    /** Records the hook of the current request, when there is one (not in service-level tests). */
    static void annotate(String hookInstance, String hook) {
        var attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(HOOK, hook, RequestAttributes.SCOPE_REQUEST);
            // hookInstance is the EHR's random UUID for this call; kept only if it looks like one.
            attributes.setAttribute(HOOK_INSTANCE, safe(hookInstance), RequestAttributes.SCOPE_REQUEST);
        }
    }

    static void annotateRules(List<String> ruleIds) {
        var attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(RULES, ruleIds, RequestAttributes.SCOPE_REQUEST);
        }
    }

    private static String safe(String hookInstance) {
        return hookInstance != null && HOOK_INSTANCE_FORM.matcher(hookInstance).matches() ? hookInstance : "invalid";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/cds-services");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                log.info(
                        "method={} path={} status={} durationMs={} hook={} hookInstance={} rules={}",
                        request.getMethod(),
                        pathOf(request),
                        response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000,
                        request.getAttribute(HOOK),
                        request.getAttribute(HOOK_INSTANCE),
                        request.getAttribute(RULES));
            }
        }
    }

    /** Service paths are fixed names; anything else (e.g. a probing path) is not echoed into the log. */
    private static String pathOf(HttpServletRequest request) {
        var path = request.getRequestURI();
        return SERVICE_PATH.matcher(path).matches() ? path : "/cds-services/(other)";
    }
}
