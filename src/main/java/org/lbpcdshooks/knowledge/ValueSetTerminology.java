package org.lbpcdshooks.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.terminology.CodeSystemInfo;
import org.opencds.cqf.cql.engine.terminology.TerminologyProvider;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * Value-set membership for the CQL engine, from the ValueSets in {@code fhir-resources/valueset}.
 *
 * <p>ICD-10, ICPC and ATC are hierarchies written into the code itself (M54.5 covers M54.50, L86 covers L86.01,
 * M01A covers M01AE01, terminology.md §1), so for those systems a listed code also matches every code that starts
 * with it. Other systems match exactly. Memberships are computed once at startup; lookups are read-only.
 */
public final class ValueSetTerminology implements TerminologyProvider {

    private static final Set<String> PREFIX_SYSTEMS = Set.of(
            "http://hl7.org/fhir/sid/icd-10",
            "http://hl7.org/fhir/sid/icd-10-cm",
            "http://hl7.org/fhir/sid/icpc-2",
            "http://hl7.org/fhir/sid/icpc-1-nl",
            "http://www.whocc.no/atc");

    private final Map<String, Membership> memberships;
    private final CodeDisplays displays;

    public ValueSetTerminology(KnowledgeRepository knowledge, CodeDisplays displays) {
        this.displays = displays;
        var byUrl = new HashMap<String, ValueSet>();
        for (var valueSet : knowledge.valueSets()) {
            byUrl.put(valueSet.getUrl(), valueSet);
        }
        var built = new HashMap<String, Membership>();
        for (var url : byUrl.keySet()) {
            built.put(url, membershipOf(url, byUrl, new HashSet<>()));
        }
        this.memberships = Map.copyOf(built);
    }

    public boolean isKnown(String valueSetUrl) {
        return memberships.containsKey(stripVersion(valueSetUrl));
    }

    @Override
    public boolean in(Code code, ValueSetInfo valueSet) {
        return membership(valueSet.getId()).contains(code.getSystem(), code.getCode());
    }

    @Override
    public Iterable<Code> expand(ValueSetInfo valueSet) {
        return membership(valueSet.getId()).listedCodes();
    }

    @Override
    public Code lookup(Code code, CodeSystemInfo codeSystem) {
        var display = displays.display(codeSystem.getId(), code.getCode(), "en");
        return new Code().withSystem(codeSystem.getId()).withCode(code.getCode()).withDisplay(display);
    }

    private Membership membership(String url) {
        var membership = memberships.get(stripVersion(url));
        if (membership == null) {
            // Fail loudly: a silently empty value set would hide a red flag.
            throw new KnowledgeException("Unknown value set " + url);
        }
        return membership;
    }

    private static String stripVersion(String url) {
        return url.contains("|") ? url.substring(0, url.indexOf('|')) : url;
    }

    private static Membership membershipOf(String url, Map<String, ValueSet> byUrl, Set<String> visiting) {
        var valueSet = byUrl.get(url);
        if (valueSet == null) {
            throw new KnowledgeException("Value set " + url + " is referenced but not defined");
        }
        if (!visiting.add(url)) {
            throw new KnowledgeException("Value set " + url + " includes itself");
        }
        var included = new Codes();
        for (var include : valueSet.getCompose().getInclude()) {
            addConcepts(included, include);
            for (var nested : include.getValueSet()) {
                included.addAll(membershipOf(stripVersion(nested.getValue()), byUrl, visiting).included);
            }
        }
        var excluded = new Codes();
        for (var exclude : valueSet.getCompose().getExclude()) {
            addConcepts(excluded, exclude);
        }
        visiting.remove(url);
        return new Membership(included, excluded);
    }

    private static void addConcepts(Codes codes, ConceptSetComponent set) {
        for (var concept : set.getConcept()) {
            codes.add(set.getSystem(), concept.getCode());
        }
    }

    /** Codes per system; in prefix systems a code stands for its whole subtree. */
    private static final class Codes {
        private final Map<String, Set<String>> bySystem = new HashMap<>();

        void add(String system, String code) {
            bySystem.computeIfAbsent(system, s -> new HashSet<>()).add(code);
        }

        void addAll(Codes other) {
            other.bySystem.forEach((system, codes) -> codes.forEach(code -> add(system, code)));
        }

        boolean matches(String system, String code) {
            if (code == null) {
                return false;
            }
            if (system == null) {
                return bySystem.keySet().stream().anyMatch(s -> matches(s, code));
            }
            var listed = bySystem.get(system);
            if (listed == null) {
                return false;
            }
            if (listed.contains(code)) {
                return true;
            }
            if (PREFIX_SYSTEMS.contains(system)) {
                for (var prefix : listed) {
                    if (code.startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private record Membership(Codes included, Codes excluded) {
        boolean contains(String system, String code) {
            return included.matches(system, code) && !excluded.matches(system, code);
        }

        List<Code> listedCodes() {
            var codes = new ArrayList<Code>();
            included.bySystem.forEach((system, listed) ->
                    listed.forEach(code -> codes.add(new Code().withSystem(system).withCode(code))));
            return codes;
        }
    }
}
