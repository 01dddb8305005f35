package dev.assocrec.functions.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Funqy reads bodies with the application's ObjectMapper, which by default accepts {@code {"k": 3} x}
 * and drops the rest: such a body is malformed and must be refused, not half-read.
 */
@Singleton
public class TrailingTokensRefused implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
