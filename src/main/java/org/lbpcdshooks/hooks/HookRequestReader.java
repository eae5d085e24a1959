package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads a hook request body the way HAPI reads FHIR JSON: decimals exactly as sent (FHIR keeps "1.50" distinct
 * from "1.5"), a leading plus sign accepted, nothing after the document. The prefetch resources are then parsed
 * from this tree directly instead of being written out and read a second time.
 */
@Component
class HookRequestReader {

    private final JsonMapper mapper = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .build();

    /**
     * @param contentType the request's Content-Type: JSON is UTF-8 (RFC 8259), but a body that declares another
     *     charset is decoded with it
     */
    JsonNode read(byte[] body, String contentType) throws IOException {
        var charset = charsetOf(contentType);
        return charset == null || charset.equals(StandardCharsets.UTF_8)
                ? mapper.readTree(body)
                : mapper.readTree(new String(body, charset));
    }

    /** Spring caches parsed media types, so this is a lookup per call; it has refused (415) unknown charsets. */
    private static Charset charsetOf(String contentType) {
        return contentType == null ? null : MediaType.parseMediaType(contentType).getCharset();
    }
}
