package org.lbpcdshooks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * "Today" for every test: all fixtures date their resources relative to 2026-11-23, so durations and windows mean
 * the same on any day the tests run.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FixedClockConfiguration {

    public static final Instant TODAY = Instant.parse("2026-11-23T10:00:00Z");

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(TODAY, ZoneOffset.UTC);
    }
}
