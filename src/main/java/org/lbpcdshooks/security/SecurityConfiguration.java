package org.lbpcdshooks.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.lbpcdshooks.config.LbpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FhirServerAllowlist fhirServerAllowlist(SecurityProperties security, LbpProperties properties) {
        return new FhirServerAllowlist(
                security, properties.fhirClient().allowedServers(), properties.fhirClient().allowHttp());
    }

    /** In memory for one instance; in the shared database when replicas run behind one proxy. */
    @Bean
    ReplayGuard replayGuard(SecurityProperties security, Clock clock, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return "database".equals(security.replayStore())
                ? new DatabaseReplayGuard(jdbc, clock)
                : new JwtIdReplayCache(clock, security.clockSkew());
    }

    @Bean
    FilterRegistrationBean<CdsJwtFilter> cdsJwtFilter(
            SecurityProperties security,
            LbpProperties properties,
            Clock clock,
            MeterRegistry meters,
            ReplayGuard replayGuard) {
        var registration = new FilterRegistrationBean<>(new CdsJwtFilter(
                new ClientJwtVerifier(security, clock, replayGuard), properties.publicBaseUrl(), meters));
        registration.addUrlPatterns("/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(security.enabled());
        if (!security.enabled()) {
            log.warn("Authentication is OFF (lbp.security.enabled=false): any caller can use this service. "
                    + "Only for local demos and tests.");
        } else if (security.trustedIssuers().isEmpty()) {
            log.warn("Authentication is on but no trusted issuer is configured (lbp.security.trusted-issuers): "
                    + "every hook call will be refused with 401.");
        }
        return registration;
    }
}
