package org.lbpcdshooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.CqlTranslator;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.serializing.ElmJsonLibraryReader;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.VersionedIdentifier;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.execution.EvaluationExpressionRef;
import org.opencds.cqf.cql.engine.execution.EvaluationParams;

/**
 * The short-circuit rewrite must give every and/or expression the value the engine gives the translator's ELM, for
 * every combination of true, false and null, including chains, nesting, reordered operands and where clauses.
 */
class ShortCircuitElmTest {

    private static final String CQL = """
            library ShortCircuitCases version '1'
            parameter A Boolean
            parameter B Boolean
            parameter C Boolean
            define "A and B": A and B
            define "A or B": A or B
            define "And chain": A and B and C
            define "Or chain": A or B or C
            define "Or inside and": (A or B) and C
            define "Nested both ways": A and (B or C) or not C
            define "Expensive operand first": exists ({ 1, 2 } X where X > 1 and C) and A and B
            define "Never-null guard": Coalesce(A, false) and B or C
            define "Comparisons": (A = true) and (B = C) or (A is null)
            define "Negations": not A or not (B and C)
            define "Per element": exists ({ 1, 2, 3 } X where A and X > 1 or B and C)
            define "Implies as or": not A or B
            define "Null literal": A and null or B
            define "Some": if C then { 1 } else { }
            define "Exists among guards": A and exists "Some" and not B
            define "Exists in or": A or exists "Some" or B
            """;

    private static final List<String> DEFINES = List.of("A and B", "A or B", "And chain", "Or chain", "Or inside and",
            "Nested both ways", "Expensive operand first", "Never-null guard", "Comparisons", "Negations",
            "Per element", "Implies as or", "Null literal", "Exists among guards", "Exists in or");

    @Test
    void everyAndOrHasTheValueOfTheTranslatorsElm() throws Exception {
        var translated = CqlTranslator.fromText(CQL, new LibraryManager(new ModelManager())).toJson();
        var rewritten = ShortCircuitElm.rewrite(new ObjectMapper().readTree(translated)).toString();

        assertThat(rewritten).contains("\"If\"");
        for (Boolean a : TRUTH) {
            for (Boolean b : TRUTH) {
                for (Boolean c : TRUTH) {
                    var parameters = new HashMap<String, Object>();
                    parameters.put("A", a);
                    parameters.put("B", b);
                    parameters.put("C", c);
                    assertThat(evaluate(rewritten, parameters))
                            .as("A=%s B=%s C=%s", a, b, c)
                            .isEqualTo(evaluate(translated, parameters));
                }
            }
        }
    }

    @Test
    void anAndChainTestsACheapNeverNullOperandFirstAndReadsItOnce() throws Exception {
        var translated = CqlTranslator.fromText(CQL, new LibraryManager(new ModelManager())).toJson();
        var rewritten = ShortCircuitElm.rewrite(new ObjectMapper().readTree(translated));
        com.fasterxml.jackson.databind.JsonNode define = null;
        for (var def : rewritten.path("library").path("statements").path("def")) {
            if (def.path("name").asText().equals("Exists among guards")) {
                define = def.path("expression");
            }
        }

        // if exists "Some" then (the rest) else false: the trigger decides before the guards A and B are read.
        assertThat(define.path("type").asText()).isEqualTo("If");
        assertThat(define.path("condition").path("type").asText()).isEqualTo("Exists");
        assertThat(define.path("else").path("value").asText()).isEqualTo("false");
    }

    private static final List<Boolean> TRUTH = Arrays.asList(true, false, null);

    private static List<Object> evaluate(String elmJson, Map<String, Object> parameters) {
        var library = new ElmJsonLibraryReader().read(elmJson);
        library.getStatements().getDef().sort(java.util.Comparator.comparing(ExpressionDef::getName));
        var compiled = new CompiledLibrary();
        compiled.setLibrary(library);
        compiled.setIdentifier(library.getIdentifier());
        var cache = new HashMap<VersionedIdentifier, CompiledLibrary>();
        cache.put(library.getIdentifier(), compiled);
        var libraryManager = new LibraryManager(new ModelManager(), CqlCompilerOptions.defaultOptions(), cache);
        var params = new EvaluationParams.Builder();
        params.library(library.getIdentifier(), new EvaluationParams.LibraryParams(
                DEFINES.stream().map(EvaluationExpressionRef::new).toList()));
        params.setParameters(parameters);
        var result = new CqlEngine(new Environment(libraryManager)).evaluate(params.build())
                .getResultFor(library.getIdentifier());
        var values = new ArrayList<Object>();
        DEFINES.forEach(name -> values.add(name + "=" + result.getExpressionResults().get(name).getValue()));
        return values;
    }
}
