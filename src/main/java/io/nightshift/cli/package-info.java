/**
 * Thin picocli commands and event renderers over runtime.
 */
package io.nightshift.cli;
