/**
 * The unified LLM client (unified-llm-spec): data model, {@link io.nightshift.llm.Client}, middleware, provider
 * adapters for Anthropic, OpenAI, Gemini and OpenAI-compatible servers, SSE, retry, model catalog. Imports nothing
 * of ours.
 *
 * <p>Layers (spec 2.1): {@code llm.provider.*} are the adapters (native Messages, Responses, Gemini and Chat
 * Completions APIs); {@code llm.http} is the shared transport (SSE reader, timeouts, size cap, error mapping);
 * {@link io.nightshift.llm.Client} routes and runs middleware; {@link io.nightshift.llm.Llm} is the high-level API
 * with the tool loop.
 *
 * <p>Typical use by an agent loop:
 * <pre>{@code
 * Client client = Client.builder()
 *         .anthropic(ProviderConfig.of(key, "http://127.0.0.1:8089"))   // a twin, or Providers.ANTHROPIC_DEFAULT_BASE
 *         .middleware(Middlewares.retry(RetryPolicy.DEFAULT))
 *         .build();
 * Request request = Request.builder("claude-opus-4-6")
 *         .messages(history).tools(toolDefinitions).build();
 * try (EventStream events = client.stream(request)) {      // or client.complete(request)
 *     ...
 * }
 * }</pre>
 */
package io.nightshift.llm;
