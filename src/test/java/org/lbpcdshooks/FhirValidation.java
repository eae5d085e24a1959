package org.lbpcdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CachingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.lbpcdshooks.knowledge.KnowledgeRepository;

/**
 * The HAPI FHIR instance validator, offline, knowing our CodeSystems and ValueSets. Errors only; one message is
 * accepted: R4's closed expression-language list lacks the CPG's {@code text/cql-identifier}, which we use on
 * purpose (names of compiled defines, no inline CQL to compile per request).
 */
public final class FhirValidation {

    static final String ACCEPTED = "text/cql-identifier";

    private final FhirValidator validator;
    private final FhirContext fhirContext = FhirContext.forR4Cached();

    public FhirValidation() {
        var knowledge = KnowledgeRepository.fromClasspath(fhirContext, "fhir-resources");
        var ours = new PrePopulatedValidationSupport(fhirContext);
        knowledge.all(CodeSystem.class).forEach(ours::addCodeSystem);
        knowledge.all(ValueSet.class).forEach(ours::addValueSet);
        var unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(
                ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
        var chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                ours,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                unknownCodeSystems);
        validator = fhirContext.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new CachingValidationSupport(chain)));
    }

    /** Error messages (with their location) of one resource in JSON, apart from the accepted one. */
    public List<String> errors(String json) {
        return validator.validateWithResult(json).getMessages().stream()
                .filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
                        || message.getSeverity() == ResultSeverityEnum.FATAL)
                .filter(message -> !message.getMessage().contains(ACCEPTED))
                .map(message -> message.getLocationString() + ": " + message.getMessage())
                .toList();
    }
}
