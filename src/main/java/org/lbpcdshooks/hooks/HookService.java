package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.lbpcdshooks.cards.CardRenderer;
import org.lbpcdshooks.cards.Language;
import org.lbpcdshooks.cards.RenderContext;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.evaluation.EvaluationRequest;
import org.lbpcdshooks.evaluation.FiredRule;
import org.lbpcdshooks.evaluation.GuidelineEvaluator;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.prefetch.PrefetchResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One hook call end to end: validate the request, gather the patient's data, evaluate the service's guideline
 * topics, render the cards. Logs what happened (service, hookInstance, rules fired, time), never patient data.
 */
@Service
public class HookService {

    private static final Logger log = LoggerFactory.getLogger(HookService.class);

    private final RuleCatalog catalog;
    private final PrefetchResolver prefetch;
    private final GuidelineEvaluator evaluator;
    private final CardRenderer renderer;
    private final Language defaultLanguage;
    private final Clock clock;

    public HookService(
            RuleCatalog catalog,
            PrefetchResolver prefetch,
            GuidelineEvaluator evaluator,
            CardRenderer renderer,
            LbpProperties properties,
            Clock clock) {
        this.catalog = catalog;
        this.prefetch = prefetch;
        this.evaluator = evaluator;
        this.renderer = renderer;
        this.defaultLanguage = Language.fromCode(properties.locale()).orElse(Language.NL);
        this.clock = clock;
    }

    public CdsResponse call(String serviceId, JsonNode body, String acceptLanguage) {
        var started = System.nanoTime();
        var service = catalog.service(serviceId).orElseThrow(() -> new UnknownServiceException(serviceId));
        var request = HookRequest.from(body, service);
        var data = prefetch.resolve(service, request.context());
        var inFocus = request.inFocus(data.draftOrderReferences());

        var fired = evaluator.evaluate(new EvaluationRequest(
                service, request.context().patientId(), data.bundle(), data.draftOrderReferences(), inFocus));
        var language = Language.negotiate(acceptLanguage, defaultLanguage);
        var cards = renderer.render(
                fired, new RenderContext(language, request.context().patientId(), data.draftOrders(), clock.instant()));

        log.info(
                "hook call service={} hookInstance={} rules={} cards={} durationMs={}",
                serviceId,
                request.hookInstance(),
                fired.stream().map(FiredRule::rule).map(rule -> rule.id()).toList(),
                cards.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new CdsResponse(cards);
    }
}
