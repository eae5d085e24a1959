package org.lbpcdshooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.lbpcdshooks.config.LbpProperties;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the knowledge base once at startup; every bean here is shared, immutable after construction. */
@Configuration(proxyBeanMethods = false)
public class KnowledgeConfiguration {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EvaluationSettings evaluationSettings() {
        return EvaluationSettings.getDefault();
    }

    @Bean
    ModelResolver fhirModelResolver(FhirContext fhirContext) {
        return new CachingFhirModelResolver(new DirectPropertyModelResolver(fhirContext));
    }

    @Bean
    KnowledgeRepository knowledgeRepository(FhirContext fhirContext) {
        return KnowledgeRepository.fromClasspath(fhirContext, "fhir-resources");
    }

    @Bean
    CqlLibraries cqlLibraries(EvaluationSettings evaluationSettings) {
        var started = System.nanoTime();
        var libraries = CqlLibraries.load(evaluationSettings, "cql", "elm");
        org.slf4j.LoggerFactory.getLogger(KnowledgeConfiguration.class).info(
                "Loaded {} CQL libraries in {} ms", libraries.names().size(), (System.nanoTime() - started) / 1_000_000);
        return libraries;
    }

    @Bean
    CodeDisplays codeDisplays(KnowledgeRepository knowledgeRepository) {
        return new CodeDisplays(knowledgeRepository);
    }

    @Bean
    ValueSetTerminology valueSetTerminology(KnowledgeRepository knowledgeRepository, CodeDisplays codeDisplays) {
        return new ValueSetTerminology(knowledgeRepository, codeDisplays);
    }

    @Bean
    RuleCatalog ruleCatalog(KnowledgeRepository knowledgeRepository, CqlLibraries cqlLibraries, LbpProperties properties) {
        var catalog = RuleCatalog.build(knowledgeRepository, cqlLibraries);
        for (var rule : properties.disabledRules()) {
            if (catalog.rule(rule).isEmpty()) {
                throw new KnowledgeException("lbp.disabled-rules names '" + rule + "', which is not a rule of the catalogue");
            }
        }
        return catalog;
    }
}
