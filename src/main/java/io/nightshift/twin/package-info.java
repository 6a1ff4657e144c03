/**
 * The LLM twin: a server that speaks the Anthropic, OpenAI and Gemini wire formats and plays scripted conversations. Shares no code with the llm adapters so that it checks them honestly. Imports nothing of ours.
 */
package io.nightshift.twin;
