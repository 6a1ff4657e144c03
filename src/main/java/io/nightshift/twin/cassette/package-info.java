/**
 * Cassette twins: a recording proxy that stores real HTTP exchanges as a JSON cassette, and a replay server that
 * answers from it, matching requests while ignoring volatile fields; what is not in the cassette gets a 501 that
 * names the request. The judge runs the same replay as a small Python program ({@link CassetteTwinProgram}) in a
 * container of its own. The format and the matching rules are in {@code docs/twins.md}.
 */
package io.nightshift.twin.cassette;
