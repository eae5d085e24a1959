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
import org.lbpcdshooks.knowledge.UnknownServiceException;
import org.lbpcdshooks.prefetch.PrefetchResolver;
import org.lbpcdshooks.security.FhirServerAllowlist;
import java.util.concurrent.Semaphore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lbpcdshooks.cards.Card;
import org.lbpcdshooks.cards.Suggestion;
import org.lbpcdshooks.cards.SystemActionRenderer;
import org.lbpcdshooks.feedback.IssuedCard;
import org.lbpcdshooks.feedback.IssuedCardLog;
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
    private final FhirServerAllowlist allowlist;
    private final Semaphore capacity;
    private final IssuedCardLog issuedCards;
    private final MeterRegistry meters;
    private final SystemActionRenderer systemActionRenderer;

    public HookService(
            RuleCatalog catalog,
            PrefetchResolver prefetch,
            GuidelineEvaluator evaluator,
            CardRenderer renderer,
            LbpProperties properties,
            Clock clock,
            FhirServerAllowlist allowlist,
            IssuedCardLog issuedCards,
            MeterRegistry meters,
            SystemActionRenderer systemActionRenderer) {
        this.systemActionRenderer = systemActionRenderer;
        this.allowlist = allowlist;
        this.issuedCards = issuedCards;
        this.meters = meters;
        this.capacity = new Semaphore(properties.maxConcurrentCalls());
        this.catalog = catalog;
        this.prefetch = prefetch;
        this.evaluator = evaluator;
        this.renderer = renderer;
        this.defaultLanguage = Language.fromCode(properties.locale()).orElse(Language.NL);
        this.clock = clock;
    }

    public CdsResponse call(String serviceId, JsonNode body, String acceptLanguage, String issuer) {
        if (!capacity.tryAcquire()) {
            throw new TooManyRequestsException();
        }
        try {
            return callWithinCapacity(serviceId, body, acceptLanguage, issuer);
        } finally {
            capacity.release();
        }
    }

    /** Issued cards go to the feedback log (no patient data) and to the metrics. */
    private void record(String serviceId, List<Card> cards, long started) {
        var now = clock.instant();
        var issued = new ArrayList<IssuedCard>();
        for (var card : cards) {
            var ruleId = card.source().topic().code();
            meters.counter("lbp.cards.issued", "rule", ruleId, "indicator", card.indicator().json()).increment();
            issued.add(new IssuedCard(
                    card.uuid(),
                    serviceId,
                    ruleId,
                    card.indicator().json(),
                    now,
                    card.suggestions().stream().map(Suggestion::uuid).toList(),
                    card.overrideReasons().stream()
                            .map(reason -> new IssuedCard.OverrideReason(reason.system(), reason.code()))
                            .toList()));
        }
        issuedCards.record(issued);
        meters.timer("lbp.hook.duration", "service", serviceId).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private CdsResponse callWithinCapacity(String serviceId, JsonNode body, String acceptLanguage, String issuer) {
        var started = System.nanoTime();
        var service = catalog.service(serviceId).orElseThrow(() -> new UnknownServiceException(serviceId));
        var request = HookRequest.from(body, service);
        var context = request.context();
        if (context.fhirServer() != null && !allowlist.allows(issuer, context.fhirServer())) {
            // Never send the EHR's token to a server nobody vouched for: answer from prefetch alone (or 412).
            log.warn("fhirServer of hookInstance={} is not on the allow-list; it is not contacted", request.hookInstance());
            context = context.withoutFhirServer();
        }
        AccessLog.annotate(request.hookInstance(), service.hook());
        var data = prefetch.resolve(service, context);
        var inFocus = request.inFocus(data.draftOrderReferences());

        var result = evaluator.evaluate(new EvaluationRequest(
                service, request.context().patientId(), data.bundle(), data.draftOrderReferences(), inFocus));
        var fired = result.firedRules();
        var language = Language.negotiate(acceptLanguage, defaultLanguage);
        var renderContext = new RenderContext(
                language, request.context().patientId(), data.draftOrders(), data.draftOrderJson(), clock.instant());
        var cards = renderer.render(fired, renderContext);
        var systemActions = systemActionRenderer.render(result.appropriateness(), renderContext);

        var ruleIds = fired.stream().map(FiredRule::rule).map(rule -> rule.id()).toList();
        AccessLog.annotateRules(ruleIds);
        record(serviceId, cards, started);
        log.debug("evaluated service={} hookInstance={} rules={} durationMs={}",
                serviceId, request.hookInstance(), ruleIds, (System.nanoTime() - started) / 1_000_000);
        return CdsResponse.of(cards, systemActions);
    }
}
