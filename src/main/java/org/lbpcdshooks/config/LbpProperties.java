package org.lbpcdshooks.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Deployment configuration (rules.md §0.3). Jurisdiction and setting select rule variants in CQL; they are never
 * derived from patient data.
 */
@Validated
@ConfigurationProperties("lbp")
public record LbpProperties(
        @DefaultValue("NL") @Pattern(regexp = "NL|BE", message = "must be NL or BE") String jurisdiction,
        @DefaultValue("primary") @Pattern(regexp = "primary|hospital", message = "must be primary or hospital")
                String setting,
        @DefaultValue("nl") @Pattern(regexp = "nl|en|fr", message = "must be nl, en or fr") String locale,
        @DefaultValue("6") @Min(1) @Max(50) int maxCards,
        @DefaultValue("Europe/Amsterdam") @NotNull ZoneId timeZone,
        @DefaultValue("http://localhost:8080") @NotNull String publicBaseUrl,
        @DefaultValue("5MB") @NotNull org.springframework.util.unit.DataSize maxRequestSize,
        @DefaultValue("64") @Min(1) int maxConcurrentCalls,
        @DefaultValue List<String> disabledRules,
        @DefaultValue @Valid Window window,
        @DefaultValue @Valid FhirClient fhirClient,
        @DefaultValue @Valid Cors cors) {

    /** Look-back windows in days (D-WINDOW, D-NRS, D-MRC, D-TRAUMA-RECENT). */
    public record Window(
            @DefaultValue("90") @Min(1) int findingDays,
            @DefaultValue("14") @Min(0) int episodeLeadDays,
            @DefaultValue("30") @Min(1) int nrsDays,
            @DefaultValue("30") @Min(1) int mrcDays,
            @DefaultValue("90") @Min(1) int traumaDays,
            @DefaultValue("90") @Min(1) int questionnaireDays) {}

    /** Limits for fetching missing prefetch data from the EHR's FHIR server. */
    public record FhirClient(
            @DefaultValue("1s") @NotNull Duration connectTimeout,
            @DefaultValue("3s") @NotNull Duration readTimeout,
            @DefaultValue("20") @Min(1) @Max(200) int maxPages,
            @DefaultValue("8") @Min(1) @Max(32) int parallelFetches,
            @DefaultValue("5s") @NotNull Duration deadline,
            @DefaultValue("10MB") @NotNull org.springframework.util.unit.DataSize maxResponseSize,
            @DefaultValue List<String> allowedServers,
            @DefaultValue("false") boolean allowHttp) {}

    /** Browser origins allowed to call the service (CDS Hooks sandbox testing). */
    public record Cors(@DefaultValue("https://sandbox.cds-hooks.org") List<String> allowedOrigins) {}
}
