package org.lbpcdshooks.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A database written by schema version 2 keeps every issued card's suggestions and override reasons in version 3. */
class IssuedCardListsMigrationTest {

    private static final String REASONS = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-override-reason";

    @Test
    void cardsIssuedBeforeTheMigrationKeepTheirSuggestionsAndReasons() {
        var database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        var jdbc = new JdbcTemplate(database);
        flyway(database).target("2").load().migrate();
        for (var card : List.of("card-a", "card-b", "card-c")) {
            jdbc.update("INSERT INTO issued_card (card_uuid, service_id, rule_id, indicator, issued_at) "
                    + "VALUES (?, 'lbp-order-select', 'LBP-IMG-01', 'warning', TIMESTAMP WITH TIME ZONE "
                    + "'2026-11-23 10:00:00+00')", card);
        }
        jdbc.update("INSERT INTO issued_suggestion VALUES ('sugg-2', 'card-a'), ('sugg-1', 'card-a'), ('sugg-3', 'card-b')");
        jdbc.update("INSERT INTO issued_override_reason VALUES (?, ?, 'already-addressed'), (?, ?, 'patient declined "
                + "imaging'), (?, ?, 'not-applicable')", "card-a", REASONS, "card-a", REASONS, "card-c", REASONS);

        flyway(database).javaMigrations(new IssuedCardListsMigration()).load().migrate();

        var store = new FeedbackStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)));
        var cardA = store.issuedCard("card-a").orElseThrow();
        assertThat(cardA.suggestionUuids()).containsExactly("sugg-1", "sugg-2");
        assertThat(cardA.overrideReasons()).containsExactly(
                new IssuedCard.OverrideReason(REASONS, "already-addressed"),
                new IssuedCard.OverrideReason(REASONS, "patient declined imaging"));
        assertThat(cardA.issuedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(store.issuedCard("card-b").orElseThrow().suggestionUuids()).containsExactly("sugg-3");
        assertThat(store.issuedCard("card-b").orElseThrow().overrideReasons()).isEmpty();
        assertThat(store.issuedCard("card-c").orElseThrow().suggestionUuids()).isEmpty();
        assertThat(store.issuedCard("card-c").orElseThrow().overrideReasons())
                .containsExactly(new IssuedCard.OverrideReason(REASONS, "not-applicable"));
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM issued_suggestion", Long.class))
                .isInstanceOf(BadSqlGrammarException.class); // the child tables are gone
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(JdbcDataSource database) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration");
    }
}
