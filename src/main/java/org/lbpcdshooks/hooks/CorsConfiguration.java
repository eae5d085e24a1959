package org.lbpcdshooks.hooks;

import org.lbpcdshooks.config.LbpProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the configured browser origins (e.g. the CDS Hooks sandbox) call the service; no credentials. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    private final LbpProperties properties;

    CorsConfiguration(LbpProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/cds-services/**")
                .allowedOrigins(properties.cors().allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST", "OPTIONS")
                .allowedHeaders("Content-Type", "Authorization", "Accept", "Accept-Language")
                .allowCredentials(false)
                .maxAge(3600);
        registry.addMapping("/cds-services")
                .allowedOrigins(properties.cors().allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "OPTIONS")
                .allowCredentials(false)
                .maxAge(3600);
    }
}
