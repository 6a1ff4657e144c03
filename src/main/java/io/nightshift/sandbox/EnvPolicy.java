package io.nightshift.sandbox;

/** Which inherited environment variables a command sees (coding-agent spec 4.2, environment variable filtering). */
public enum EnvPolicy {
    /** Everything inherited except variables that look like secrets (the default). */
    INHERIT_ALL,
    /** Nothing inherited: only the variables passed to the command. */
    INHERIT_NONE,
    /** Only the core variables ({@code PATH}, {@code HOME}, language tool paths, ...), secrets never. */
    CORE_ONLY
}
