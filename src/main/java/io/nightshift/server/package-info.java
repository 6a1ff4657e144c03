/**
 * Thin Quarkus REST resources, SSE and web pages over runtime.
 */
package io.nightshift.server;
