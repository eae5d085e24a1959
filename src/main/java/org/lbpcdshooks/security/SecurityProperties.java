package org.lbpcdshooks.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the service (CDS Hooks 2.0 §Trusting CDS Clients) and where their access tokens may go.
 * Authentication is on unless switched off explicitly (the {@code demo} profile does, with a warning).
 */
@Validated
@ConfigurationProperties("lbp.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") @NotNull Duration clockSkew,
        @DefaultValue("10m") @NotNull Duration jwksCacheTtl,
        @DefaultValue("2s") @NotNull Duration jwksTimeout,
        @DefaultValue("memory") @jakarta.validation.constraints.Pattern(regexp = "memory|database",
                message = "must be memory or database") String replayStore,
        @DefaultValue List<@Valid TrustedIssuer> trustedIssuers) {

    /** A CDS client: its {@code iss}, where its keys are, and the FHIR servers that may receive its access tokens. */
    public record TrustedIssuer(
            @NotBlank String issuer,
            String jwksUrl,
            @DefaultValue List<String> jkuAllowlist,
            @DefaultValue List<String> fhirServers) {}

    public java.util.Optional<TrustedIssuer> issuer(String iss) {
        return trustedIssuers.stream().filter(trusted -> trusted.issuer().equals(iss)).findFirst();
    }
}
