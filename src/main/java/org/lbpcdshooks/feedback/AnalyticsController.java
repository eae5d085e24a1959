package org.lbpcdshooks.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /analytics/rules?from=&to=}: per rule, cards issued in the window, how many were accepted or
 * overridden, the override rate, and the three most given override reasons. Needs
 * {@code Authorization: Bearer <lbp.analytics.api-key>}; without a configured key the endpoint is closed.
 */
@RestController
class AnalyticsController {

    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final JdbcTemplate jdbc;
    private final IssuedCardLog issuedCards;
    private final Clock clock;
    private final String apiKey;

    AnalyticsController(
            JdbcTemplate jdbc,
            IssuedCardLog issuedCards,
            Clock clock,
            @Value("${lbp.analytics.api-key:}") String apiKey) {
        this.jdbc = jdbc;
        this.issuedCards = issuedCards;
        this.clock = clock;
        this.apiKey = apiKey;
    }

    @GetMapping("/analytics/rules")
    ResponseEntity<?> rules(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("status", 401, "code", "unauthorized", "message", "An analytics API key is required"));
        }
        var end = to != null ? to : clock.instant();
        var start = from != null ? from : end.minus(DEFAULT_WINDOW);
        issuedCards.flush();
        return ResponseEntity.ok(Map.of("from", start.toString(), "to", end.toString(), "rules", perRule(start, end)));
    }

    private List<RuleAnalytics> perRule(Instant start, Instant end) {
        var window = new Object[] {Timestamp.from(start), Timestamp.from(end)};
        var rows = jdbc.queryForList(
                "SELECT c.rule_id, COUNT(DISTINCT c.card_uuid) AS issued, "
                        + "COUNT(DISTINCT CASE WHEN f.outcome = 'accepted' THEN c.card_uuid END) AS accepted, "
                        + "COUNT(DISTINCT CASE WHEN f.outcome = 'overridden' THEN c.card_uuid END) AS overridden "
                        + "FROM issued_card c LEFT JOIN card_feedback f ON f.card_uuid = c.card_uuid "
                        + "WHERE c.issued_at >= ? AND c.issued_at < ? GROUP BY c.rule_id ORDER BY c.rule_id",
                window);
        var result = new ArrayList<RuleAnalytics>();
        for (var row : rows) {
            var ruleId = (String) row.get("rule_id");
            var accepted = ((Number) row.get("accepted")).longValue();
            var overridden = ((Number) row.get("overridden")).longValue();
            var answered = accepted + overridden;
            result.add(new RuleAnalytics(
                    ruleId,
                    ((Number) row.get("issued")).longValue(),
                    accepted,
                    overridden,
                    answered == 0 ? null : (double) overridden / answered,
                    topReasons(ruleId, start, end)));
        }
        return result;
    }

    private List<RuleAnalytics.ReasonCount> topReasons(String ruleId, Instant start, Instant end) {
        return jdbc.query(
                "SELECT f.reason_code, COUNT(*) AS n FROM card_feedback f JOIN issued_card c ON c.card_uuid = f.card_uuid "
                        + "WHERE c.rule_id = ? AND c.issued_at >= ? AND c.issued_at < ? AND f.reason_code IS NOT NULL "
                        + "GROUP BY f.reason_code ORDER BY n DESC, f.reason_code FETCH FIRST 3 ROWS ONLY",
                (row, index) -> new RuleAnalytics.ReasonCount(row.getString("reason_code"), row.getLong("n")),
                ruleId,
                Timestamp.from(start),
                Timestamp.from(end));
    }

    private boolean authorized(String authorization) {
        if (apiKey.isBlank() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(
                apiKey.getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }
}
