package io.nightshift.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Every error body: {@code {"error": "what went wrong and how to fix it"}}, plus {@code valid_keys} for answers. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorJson(String error, List<String> validKeys) {

    static ErrorJson of(String message) {
        return new ErrorJson(message, null);
    }
}
