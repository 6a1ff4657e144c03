/**
 * The LLM twin: an HTTP server that speaks the Anthropic Messages, OpenAI Responses, OpenAI-compatible Chat
 * Completions and Gemini wire formats and plays scripted conversations, so tests never call a paid model.
 * Entry points: {@link io.nightshift.twin.TwinServer}, {@link io.nightshift.twin.TwinScripts},
 * {@link io.nightshift.twin.TwinOptions}. The script format and every wire detail are in {@code docs/twin.md}.
 * Shares no code with the llm adapters so that it checks them honestly; imports nothing else of ours.
 */
package io.nightshift.twin;
