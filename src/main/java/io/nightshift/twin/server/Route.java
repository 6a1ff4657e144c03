package io.nightshift.twin.server;

import io.nightshift.twin.dialect.AnthropicDialect;
import io.nightshift.twin.dialect.ChatCompletionsDialect;
import io.nightshift.twin.dialect.Dialect;
import io.nightshift.twin.dialect.GeminiDialect;
import io.nightshift.twin.dialect.ResponsesDialect;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resolved route: which dialect serves a path, and what the path itself says (Gemini puts the model and the
 * streaming choice there).
 */
record Route(Dialect dialect, String pathModel, boolean pathStream) {

    private static final Dialect ANTHROPIC = new AnthropicDialect();
    private static final Dialect RESPONSES = new ResponsesDialect();
    private static final Dialect CHAT = new ChatCompletionsDialect();
    private static final Dialect GEMINI = new GeminiDialect();
    private static final Pattern GEMINI_PATH =
            Pattern.compile("/(?:v1beta|v1|v1alpha)/models/([^/:]+):(generateContent|streamGenerateContent)");

    /** The route for {@code POST path}, or empty (the caller answers 404). */
    public static Optional<Route> resolve(String method, String path) {
        if (!method.equals("POST")) {
            return Optional.empty();
        }
        switch (path) {
            case "/v1/messages" -> {
                return Optional.of(new Route(ANTHROPIC, null, false));
            }
            case "/v1/responses" -> {
                return Optional.of(new Route(RESPONSES, null, false));
            }
            case "/v1/chat/completions" -> {
                return Optional.of(new Route(CHAT, null, false));
            }
            default -> {
                Matcher m = GEMINI_PATH.matcher(path);
                if (m.matches()) {
                    return Optional.of(new Route(GEMINI, URLDecoder.decode(m.group(1), StandardCharsets.UTF_8),
                            m.group(2).equals("streamGenerateContent")));
                }
                return Optional.empty();
            }
        }
    }

    /** The dialect whose 404 shape suits an unknown route, guessed from the path and headers. */
    public static Dialect guess(String path, boolean anthropicHeaders) {
        if (path.startsWith("/v1beta") || path.startsWith("/v1alpha") || path.contains("/models/")) {
            return GEMINI;
        }
        return anthropicHeaders ? ANTHROPIC : RESPONSES;
    }
}
