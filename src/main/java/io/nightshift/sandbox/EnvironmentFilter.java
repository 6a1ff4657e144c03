package io.nightshift.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the inherited variables a command sees. Whatever the policy, names ending in {@code _API_KEY},
 * {@code _SECRET}, {@code _TOKEN}, {@code _PASSWORD} or {@code _CREDENTIAL} (any case) are dropped
 * (coding-agent spec 4.2). Variables passed explicitly to a command are the caller's choice and are not filtered.
 */
public record EnvironmentFilter(EnvPolicy policy) {

    /** The variables {@link EnvPolicy#CORE_ONLY} keeps: shell basics and language tool locations. */
    public static final Set<String> CORE = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL",
            "LC_CTYPE", "TERM", "TMPDIR", "TZ", "GOPATH", "GOROOT", "CARGO_HOME", "RUSTUP_HOME", "NVM_DIR",
            "JAVA_HOME", "MAVEN_HOME", "GRADLE_HOME", "PYENV_ROOT", "VIRTUAL_ENV", "PNPM_HOME", "BUN_INSTALL",
            "DENO_DIR");

    private static final String[] SECRET_SUFFIXES = {"_API_KEY", "_SECRET", "_TOKEN", "_PASSWORD", "_CREDENTIAL"};

    public static final EnvironmentFilter DEFAULT = new EnvironmentFilter(EnvPolicy.INHERIT_ALL);

    public EnvironmentFilter {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
    }

    /** True when a variable name looks like it holds a secret. */
    public static boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String suffix : SECRET_SUFFIXES) {
            if (upper.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The inherited variables this policy keeps, sorted by name; {@code inherited} is not modified. */
    public Map<String, String> apply(Map<String, String> inherited) {
        Map<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> e : inherited.entrySet()) {
            if (!isSecret(e.getKey()) && keeps(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return kept;
    }

    private boolean keeps(String name) {
        return switch (policy) {
            case INHERIT_ALL -> true;
            case INHERIT_NONE -> false;
            case CORE_ONLY -> CORE.contains(name);
        };
    }
}
