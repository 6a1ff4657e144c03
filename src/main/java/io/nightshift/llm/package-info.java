/**
 * The unified LLM client (unified-llm-spec): data model, Client, middleware, provider adapters for Anthropic, OpenAI, Gemini and OpenAI-compatible servers, SSE, retry, model catalog. Imports nothing of ours.
 */
package io.nightshift.llm;
