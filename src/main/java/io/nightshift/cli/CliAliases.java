package io.nightshift.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the argument habits of existing Attractor tooling into Nightshift's commands (DESIGN.md, CLI):
 * a bare {@code nightshift FILE.dot ...} runs it, {@code --validate FILE} validates it, {@code --logs DIR}
 * is {@code --logs-dir DIR}, and {@code --resume DIR FILE.dot} passes the pipeline positionally.
 */
final class CliAliases {

    private static final Set<String> COMMANDS = Set.of("run", "validate", "serve", "worker", "twin", "forge-twin", "mcp", "models",
            "ask", "sandbox", "scenarios", "judge", "help", "bench");

    private CliAliases() {
    }

    public static String[] normalize(String[] args) {
        List<String> out = new ArrayList<>(List.of(args));
        if (out.isEmpty()) {
            return args;
        }
        int validate = out.indexOf("--validate");
        if (validate >= 0 && !COMMANDS.contains(out.get(0))) {
            out.remove(validate);
            out.add(0, "validate");
        } else if (!COMMANDS.contains(out.get(0)) && !out.get(0).equals("--help") && !out.get(0).equals("-h")
                && !out.get(0).equals("--version") && !out.get(0).equals("-V")) {
            out.add(0, "run");
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).equals("--logs")) {
                out.set(i, "--logs-dir");
            } else if (out.get(i).startsWith("--logs=")) {
                out.set(i, "--logs-dir=" + out.get(i).substring("--logs=".length()));
            }
        }
        return out.toArray(String[]::new);
    }
}
