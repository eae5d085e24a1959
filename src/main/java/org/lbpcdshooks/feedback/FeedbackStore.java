package org.lbpcdshooks.feedback;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Feedback in the database: stored once per (card, outcome, outcome time), committed before the 200 goes out. */
@Repository
public class FeedbackStore {

    private final JdbcTemplate jdbc;

    public FeedbackStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<IssuedCard> issuedCard(String cardUuid) {
        var cards = jdbc.query(
                "SELECT card_uuid, service_id, rule_id, indicator, issued_at FROM issued_card WHERE card_uuid = ?",
                (row, index) -> new IssuedCard(
                        row.getString("card_uuid"),
                        row.getString("service_id"),
                        row.getString("rule_id"),
                        row.getString("indicator"),
                        row.getTimestamp("issued_at").toInstant(),
                        jdbc.queryForList(
                                "SELECT suggestion_uuid FROM issued_suggestion WHERE card_uuid = ?", String.class, cardUuid),
                        jdbc.query(
                                "SELECT reason_system, reason_code FROM issued_override_reason WHERE card_uuid = ?",
                                (reason, i) -> new IssuedCard.OverrideReason(
                                        reason.getString("reason_system"), reason.getString("reason_code")),
                                cardUuid)),
                cardUuid);
        return cards.stream().findFirst();
    }

    /** Stores all entries or none; an entry stored before (same card, outcome and time) is not stored again. */
    @Transactional
    public void store(List<Feedback> entries, java.time.Instant receivedAt) {
        for (var entry : entries) {
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
}
