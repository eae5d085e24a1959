package org.lbpcdshooks.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remembers each (iss, jti) in the shared database, so that replicas behind one proxy refuse a token that another
 * replica already accepted. Only a hash of iss and jti is stored; expired rows are removed as new ones arrive.
 */
final class DatabaseReplayGuard implements ReplayGuard {

    private static final long CLEAN_EVERY = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicLong inserts = new AtomicLong();

    DatabaseReplayGuard(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String issuer, String jwtId, Instant expiresAt) {
        if (inserts.incrementAndGet() % CLEAN_EVERY == 0) {
            jdbc.update("DELETE FROM used_jwt_id WHERE expires_at < ?", Timestamp.from(clock.instant()));
        }
        try {
            jdbc.update("INSERT INTO used_jwt_id (token_hash, expires_at) VALUES (?, ?)",
                    hash(issuer + "\n" + jwtId), Timestamp.from(expiresAt));
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
