package org.lbpcdshooks.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.data.SystemDataProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Concept;
import org.opencds.cqf.cql.engine.runtime.Quantity;

/** The direct paths build the same values as the engine's own provider; everything else still goes to it. */
class SystemModelDataProviderTest {

    private final SystemDataProvider engines = new SystemDataProvider();
    private final SystemModelDataProvider direct = new SystemModelDataProvider();

    @Test
    void aCodeIsBuiltAsTheEngineBuildsIt() {
        assertThat(code(direct)).usingRecursiveComparison().isEqualTo(code(engines));
        assertThat(((Code) code(direct)).getVersion()).isEqualTo("2024-09");
    }

    @Test
    void aConceptIsBuiltAsTheEngineBuildsIt() {
        assertThat(concept(direct)).usingRecursiveComparison().isEqualTo(concept(engines));
        assertThat(((Concept) concept(direct)).getDisplay()).isEqualTo("Low back pain");
    }

    @Test
    void otherTypesAndPropertiesGoToTheEnginesProvider() {
        var quantity = direct.createInstance("Quantity");
        direct.setValue(quantity, "value", new BigDecimal("3"));
        direct.setValue(quantity, "unit", "d");
        assertThat(quantity).isInstanceOf(Quantity.class);
        assertThat(((Quantity) quantity).getValue()).isEqualByComparingTo("3");
        assertThat(direct.resolveType("Ratio")).isEqualTo(engines.resolveType("Ratio"));
        assertThatThrownBy(() -> direct.setValue(new Code(), "nonsense", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTypeNameResolvesAsInTheEnginesProviderAndAnUnknownOneStillFails() {
        for (var name : new String[] {"Code", "Concept", "String", "Quantity", "Ratio", "Interval", "Tuple"}) {
            assertThat(direct.resolveType(name)).isEqualTo(engines.resolveType(name));
            assertThat(direct.resolveType(name)).isEqualTo(engines.resolveType(name)); // the remembered answer too
        }
        assertThatThrownBy(() -> direct.resolveType("NoSuchType")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> direct.resolveType("NoSuchType")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Object code(SystemDataProvider provider) {
        var code = provider.createInstance("Code");
        provider.setValue(code, "code", "279039007");
        provider.setValue(code, "system", "http://snomed.info/sct");
        provider.setValue(code, "version", "2024-09");
        provider.setValue(code, "display", "Low back pain");
        return code;
    }

    private static Object concept(SystemDataProvider provider) {
        var concept = provider.createInstance("Concept");
        var codes = new ArrayList<Code>();
        codes.add((Code) code(provider));
        provider.setValue(concept, "codes", codes);
        provider.setValue(concept, "display", "Low back pain");
        return concept;
    }
}
