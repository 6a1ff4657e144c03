package io.nightshift.sandbox.docker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link SandboxPolicy} from {@code sandbox.*} settings over {@link SandboxPolicy#DEFAULTS}; keys not
 * starting with {@code sandbox.} are ignored, unknown {@code sandbox.} keys are errors.
 *
 * <pre>
 * sandbox.image     = IMAGE                     e.g. nightshift/sandbox-dev:current
 * sandbox.network   = none | bridge
 * sandbox.memory    = SIZE                      at least 6m; swap is set to the same value
 * sandbox.cpus      = DECIMAL                   greater than 0, e.g. 1.5
 * sandbox.pids      = INTEGER                   at least 16
 * sandbox.nofile    = INTEGER                   at least 64
 * sandbox.tmp-size  = SIZE                      size of the /tmp tmpfs
 * sandbox.home-size = SIZE                      size of the /home/agent tmpfs
 * sandbox.user      = auto | UID:GID
 * sandbox.read-only = true | false
 * sandbox.env.NAME  = VALUE                     a variable set in every command
 * sandbox.runtime   = runc | runsc              runsc (gVisor) needs sandbox.network=none and pids at least 256
 * sandbox.exec      = engine | runner           one engine exec per command, or resident shells (ResidentRunner)
 * SIZE              = DIGITS [k|m|g] [b|ib]     binary units, case-insensitive: 512m, 2g, 2GiB, 1048576
 * </pre>
 */
public final class SandboxPolicyParser {

    private static final String PREFIX = "sandbox.";
    private static final Set<String> KEYS = Set.of("image", "network", "memory", "cpus", "pids", "nofile", "tmp-size",
            "home-size", "user", "read-only", "runtime", "exec");
    /** gVisor's own threads count against the pids limit; below this it dies on the first commands. */
    static final long RUNSC_MIN_PIDS = 256;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER = Pattern.compile("\\d+:\\d+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SandboxPolicyParser() {
    }

    /** @throws InvalidSandboxPolicyException naming the first bad key */
    public static SandboxPolicy parse(Map<String, String> settings) {
        SandboxPolicy d = SandboxPolicy.DEFAULTS;
        String image = d.image();
        NetworkMode network = d.network();
        long memory = d.memoryBytes();
        double cpus = d.cpus();
        long pids = d.pids();
        long nofile = d.nofile();
        long tmp = d.tmpBytes();
        long home = d.homeBytes();
        String user = d.user();
        boolean readOnly = d.readOnlyRoot();
        Map<String, String> env = new LinkedHashMap<>(d.env());
        SandboxRuntime runtime = d.runtime();
        ExecMode exec = d.exec();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings).entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String key = e.getKey();
            String name = key.substring(PREFIX.length());
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (name.startsWith("env.")) {
                String var = name.substring(4);
                if (!ENV_NAME.matcher(var).matches()) {
                    throw new InvalidSandboxPolicyException(key, value, "'" + var + "' is not a variable name");
                }
                env.put(var, value);
                continue;
            }
            switch (name) {
                case "image" -> image = requireNonBlank(key, value);
                case "network" -> network = network(key, value);
                case "memory" -> memory = atLeast(key, value, size(key, value), 6L * 1024 * 1024, "6m");
                case "cpus" -> cpus = cpus(key, value);
                case "pids" -> pids = atLeast(key, value, integer(key, value), 16, "16");
                case "nofile" -> nofile = atLeast(key, value, integer(key, value), 64, "64");
                case "tmp-size" -> tmp = atLeast(key, value, size(key, value), 1024 * 1024, "1m");
                case "home-size" -> home = atLeast(key, value, size(key, value), 1024 * 1024, "1m");
                case "user" -> user = user(key, value);
                case "read-only" -> readOnly = bool(key, value);
                case "runtime" -> runtime = runtime(key, value);
                case "exec" -> exec = exec(key, value);
                default -> throw new InvalidSandboxPolicyException(key, value, "unknown setting; known: "
                        + new TreeSet<>(KEYS).stream().map(k -> PREFIX + k).toList() + " and sandbox.env.NAME");
            }
        }
        if (runtime == SandboxRuntime.RUNSC) {
            String key = PREFIX + "runtime";
            if (network != NetworkMode.NONE) {
                throw new InvalidSandboxPolicyException(key, "runsc", "gVisor sandboxes run without a network; "
                        + "remove sandbox.network=bridge or use sandbox.runtime=runc");
            }
            if (pids < RUNSC_MIN_PIDS) {
                throw new InvalidSandboxPolicyException(key, "runsc", "needs sandbox.pids of at least "
                        + RUNSC_MIN_PIDS + " (gVisor's own threads count against the limit), not " + pids);
            }
        }
        return new SandboxPolicy(image, network, memory, cpus, pids, nofile, tmp, home, user, readOnly, env, runtime,
                exec);
    }

    private static ExecMode exec(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "engine" -> ExecMode.ENGINE;
            case "runner" -> ExecMode.RUNNER;
            default -> throw new InvalidSandboxPolicyException(key, value, "expected engine or runner");
        };
    }

    private static SandboxRuntime runtime(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "runc" -> SandboxRuntime.RUNC;
            case "runsc", "gvisor" -> SandboxRuntime.RUNSC;
            default -> throw new InvalidSandboxPolicyException(key, value, "expected runc or runsc (gVisor)");
        };
    }

    /** Parses a size such as {@code 512m} or {@code 2GiB} into bytes (binary units). */
    public static long size(String key, String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new InvalidSandboxPolicyException(key, value, "not a size; write digits with an optional unit k, m "
                    + "or g, e.g. 512m or 2g");
        }
        long shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException ex) {
            throw new InvalidSandboxPolicyException(key, value, "too large");
        }
    }

    private static String requireNonBlank(String key, String value) {
        if (value.isEmpty()) {
            throw new InvalidSandboxPolicyException(key, value, "must not be empty");
        }
        return value;
    }

    private static NetworkMode network(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> NetworkMode.NONE;
            case "bridge" -> NetworkMode.BRIDGE;
            default -> throw new InvalidSandboxPolicyException(key, value, "expected none or bridge");
        };
    }

    private static double cpus(String key, String value) {
        try {
            double cpus = Double.parseDouble(value);
            if (cpus > 0 && cpus <= 1024) {
                return cpus;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSandboxPolicyException(key, value, "expected a number of cores greater than 0, e.g. 1.5");
    }

    private static long integer(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidSandboxPolicyException(key, value, "expected a whole number");
        }
    }

    private static long atLeast(String key, String value, long parsed, long min, String minText) {
        if (parsed < min) {
            throw new InvalidSandboxPolicyException(key, value, "must be at least " + minText);
        }
        return parsed;
    }

    private static String user(String key, String value) {
        if (value.equalsIgnoreCase("auto")) {
            return null;
        }
        if (!USER.matcher(value).matches()) {
            throw new InvalidSandboxPolicyException(key, value, "expected auto or numeric UID:GID, e.g. 1000:1000");
        }
        return value;
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSandboxPolicyException(key, value, "expected true or false");
        };
    }
}
