package org.lbpcdshooks.feedback;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feedback in the database: stored once per (card, outcome, outcome time), committed and on disk before the 200 goes
 * out. The embedded H2 database writes its commits to the file in the background (every half second, which keeps the
 * issued-card log cheap under load), so a feedback is followed by a CHECKPOINT that writes it, and every card issued
 * before it, to the file at once; a server database (PostgreSQL) is durable at commit.
 */
@Repository
public class FeedbackStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean embeddedH2;

    public FeedbackStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.embeddedH2 = Boolean.TRUE.equals(jdbc.execute(
                (Connection connection) -> "H2".equals(connection.getMetaData().getDatabaseProductName())));
    }

    public Optional<IssuedCard> issuedCard(String cardUuid) {
        return jdbc.query(
                        "SELECT card_uuid, service_id, rule_id, indicator, issued_at, suggestion_uuids, override_reasons "
                                + "FROM issued_card WHERE card_uuid = ?",
                        (row, index) -> new IssuedCard(
                                row.getString("card_uuid"),
                                row.getString("service_id"),
                                row.getString("rule_id"),
                                row.getString("indicator"),
                                row.getTimestamp("issued_at").toInstant(),
                                IssuedCard.suggestionsFrom(row.getString("suggestion_uuids")),
                                IssuedCard.reasonsFrom(row.getString("override_reasons"))),
                        cardUuid)
                .stream()
                .findFirst();
    }

    /** Stores all entries or none; an entry stored before (same card, outcome and time) is not stored again. */
    public void store(List<Feedback> entries, Instant receivedAt) {
        transactions.executeWithoutResult(status -> entries.forEach(entry -> insert(entry, receivedAt)));
        if (embeddedH2) {
            jdbc.execute("CHECKPOINT");
        }
    }

    private void insert(Feedback entry, Instant receivedAt) {
        var reason = entry.overrideReason();
        jdbc.update(
                "INSERT INTO card_feedback (card_uuid, outcome, outcome_timestamp, reason_system, reason_code, "
                        + "accepted_suggestions, received_at) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM card_feedback "
                        + "WHERE card_uuid = ? AND outcome = ? AND outcome_timestamp = ?)",
                entry.cardUuid(),
                entry.outcome().code(),
                Timestamp.from(entry.outcomeTimestamp()),
                reason == null ? null : reason.system(),
                reason == null ? null : reason.code(),
                String.join(",", entry.acceptedSuggestions()),
                Timestamp.from(receivedAt),
                entry.cardUuid(),
                entry.outcome().code(),
                Timestamp.from(entry.outcomeTimestamp()));
    }
}
