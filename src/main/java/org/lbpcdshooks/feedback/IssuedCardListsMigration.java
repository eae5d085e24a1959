package org.lbpcdshooks.feedback;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema version 3: an issued card's suggestion uuids and override reasons move from two child tables into columns of
 * its own row, so that recording a card is one insert and one index entry instead of several (under load the child
 * tables cost about a tenth of the service's CPU). Written in Java because string aggregation is not portable
 * between H2 and PostgreSQL; Spring Boot hands this bean to Flyway next to the SQL migrations.
 */
@Component
class IssuedCardListsMigration implements JavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "issued card lists in the card row";
    }

    @Override
    public Integer getChecksum() {
        return 3;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        var connection = context.getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE issued_card ADD COLUMN suggestion_uuids VARCHAR(4000) DEFAULT '' NOT NULL");
            statement.execute("ALTER TABLE issued_card ADD COLUMN override_reasons VARCHAR(4000) DEFAULT '' NOT NULL");
        }
        copy(connection, "SELECT card_uuid, suggestion_uuid FROM issued_suggestion ORDER BY card_uuid, suggestion_uuid",
                "suggestion_uuids", rows -> rows.getString(2), IssuedCard::suggestionColumn);
        copy(connection, "SELECT card_uuid, reason_system, reason_code FROM issued_override_reason "
                        + "ORDER BY card_uuid, reason_system, reason_code",
                "override_reasons", rows -> new IssuedCard.OverrideReason(rows.getString(2), rows.getString(3)),
                IssuedCard::reasonColumn);
        try (var statement = connection.createStatement()) {
            statement.execute("DROP TABLE issued_suggestion");
            statement.execute("DROP TABLE issued_override_reason");
        }
    }

    private interface RowValue<T> {
        T of(ResultSet row) throws SQLException;
    }

    /**
     * Writes each card's values (rows ordered by card, the first column) into its new column, one card at a time so
     * that a large log is not held in memory.
     */
    private static <T> void copy(
            Connection connection, String select, String column, RowValue<T> value, Function<List<T>, String> encode)
            throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(select);
                var update = connection.prepareStatement(
                        "UPDATE issued_card SET " + column + " = ? WHERE card_uuid = ?")) {
            String card = null;
            var values = new ArrayList<T>();
            var batched = 0;
            while (true) {
                var more = rows.next();
                var next = more ? rows.getString(1) : null;
                if (card != null && !card.equals(next)) {
                    update.setString(1, encode.apply(values));
                    update.setString(2, card);
                    update.addBatch();
                    values.clear();
                    if (++batched % BATCH == 0) {
                        update.executeBatch();
                    }
                }
                if (!more) {
                    break;
                }
                card = next;
                values.add(value.of(rows));
            }
            update.executeBatch();
        }
    }
}
