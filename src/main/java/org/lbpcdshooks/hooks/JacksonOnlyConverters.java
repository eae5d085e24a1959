package org.lbpcdshooks.hooks;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.KotlinSerializationJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Responses are written with Jackson only. kotlinx.serialization is on the class path for the CQL engine, so Spring
 * MVC also registers its converter, ahead of Jackson, and asked it for every response whether it could write the
 * type (about 1% of a hook call's CPU under load) before falling through to Jackson.
 */
@Configuration(proxyBeanMethods = false)
class JacksonOnlyConverters implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter instanceof KotlinSerializationJsonHttpMessageConverter);
    }
}
