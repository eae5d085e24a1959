package org.lbpcdshooks.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Remembers each (iss, jti) in memory until its token expires: enough for a single instance. */
final class JwtIdReplayCache implements ReplayGuard {

    private final Cache<String, Instant> seen;
    private final Clock clock;

    JwtIdReplayCache(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.seen = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfter(new Expiry<String, Instant>() {
                    @Override
                    public long expireAfterCreate(String key, Instant expiresAt, long currentTime) {
                        var ttl = Duration.between(clock.instant(), expiresAt).plus(clockSkew);
                        return Math.max(ttl.toNanos(), 0);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Instant value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Instant value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** True the first time a token id is seen; false for a replay. */
    @Override
    public boolean firstUse(String issuer, String jwtId, Instant expiresAt) {
        var key = issuer + "\n" + jwtId;
        return seen.asMap().putIfAbsent(key, expiresAt) == null;
    }

}
