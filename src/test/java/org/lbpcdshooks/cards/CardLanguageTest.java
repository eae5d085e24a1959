package org.lbpcdshooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.hooks.HookService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Service level, no HTTP: the same evaluation rendered in Dutch (the default) and in English, with the override
 * reasons in the card language.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class CardLanguageTest {

    @Autowired
    HookService hooks;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void caudaEquinaCardIsDutchByDefault() throws Exception {
        var card = onlyCard(null);

        assertThat(card.summary()).isEqualTo("Spoedoverleg neuroloog: verdenking cauda-equinasyndroom");
        assertThat(card.detail()).contains("Doof gevoel in het rijbroekgebied (zadelanesthesie)");
        assertThat(card.overrideReasons()).extracting(Coding::display).contains("Bevinding niet (meer) aanwezig");
        assertThat(card.suggestions()).extracting(Suggestion::label)
                .containsExactly("Verwijs naar Neurologie (spoed, vandaag telefonisch)");
    }

    @Test
    void caudaEquinaCardIsEnglishWhenTheClientAsksForIt() throws Exception {
        var card = onlyCard("en-GB,en;q=0.9,nl;q=0.5");

        assertThat(card.summary()).isEqualTo("Urgent neurologist consult: suspected cauda equina");
        assertThat(card.detail()).contains("Saddle anaesthesia, Urinary retention");
        assertThat(card.overrideReasons()).extracting(Coding::display)
                .contains("Finding not (or no longer) present on assessment");
    }

    @Test
    void caudaEquinaCardIsFrenchForBelgianUsersWhoAskForIt() throws Exception {
        var card = onlyCard("fr-BE,fr;q=0.9");

        assertThat(card.summary()).doesNotContain("Spoedoverleg", "Urgent neurologist");
        assertThat(card.summary()).containsIgnoringCase("queue de cheval");
        assertThat(card.overrideReasons()).extracting(Coding::display).doesNotContain("Andere reden", "Other reason (free text in userComment)");
    }

    @Test
    void anUnsupportedLanguageFallsBackToDutch() throws Exception {
        assertThat(onlyCard("de-DE").summary()).startsWith("Spoedoverleg neuroloog");
    }

    @Test
    void everyCardAndSuggestionCarriesAUuidAndTheRuleAsTopic() throws Exception {
        var card = onlyCard("en");

        assertThat(card.uuid()).matches("[0-9a-f-]{36}");
        assertThat(card.suggestions()).allSatisfy(suggestion -> assertThat(suggestion.uuid()).matches("[0-9a-f-]{36}"));
        assertThat(card.source().topic())
                .isEqualTo(new Coding("http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-rule", "LBP-RF-01",
                        "Suspected cauda equina syndrome"));
        assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
    }

    private Card onlyCard(String acceptLanguage) throws Exception {
        var request = json.readTree(Files.readString(Path.of(
                "src/test/resources/vignettes/cauda-equina-saddle-anaesthesia-mri-order-select/request.json")));
        var response = hooks.call("lbp-order-select", request, acceptLanguage, null);
        assertThat(response.cards()).hasSize(1);
        return response.cards().get(0);
    }
}
