/**
 * Small services behind the developer commands ({@code nightshift ask}, {@code models}, {@code twin},
 * {@code sandbox}): plain records and one exception each out, so the CLI names nothing of {@code llm}, {@code twin}
 * or {@code sandbox} (STYLE 24, DESIGN.md's layer table).
 */
package io.nightshift.runtime.dev;
