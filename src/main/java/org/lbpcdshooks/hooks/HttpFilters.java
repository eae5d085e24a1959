package org.lbpcdshooks.hooks;

import org.lbpcdshooks.config.LbpProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Access log first (it sees every outcome, 401 included), then the body size limit. */
@Configuration(proxyBeanMethods = false)
class HttpFilters {

    @Bean
    FilterRegistrationBean<AccessLog> accessLog() {
        var registration = new FilterRegistrationBean<>(new AccessLog());
        registration.addUrlPatterns("/cds-services", "/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(LbpProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(properties.maxRequestSize().toBytes()));
        registration.addUrlPatterns("/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
