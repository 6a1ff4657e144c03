/**
 * Nightshift as an MCP server (issue 17): the tools an agent or an editor uses to hand work to Nightshift and follow
 * it (submit a job, list and read runs, read events since a sequence number, answer a human gate, cancel), over
 * stdio ({@code nightshift mcp}) and on the service at {@code /mcp} (streamable HTTP, stateless). The protocol is the
 * official MCP Java SDK's; this package only defines the tools over the runtime's services and adapts the SDK's
 * stateless transport to a JAX-RS resource. Thin, like {@code server} and {@code cli}: it imports runtime and the
 * event types only.
 */
package io.nightshift.mcp;
