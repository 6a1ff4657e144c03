package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a bridge sandbox away from services on the host. A container on a bridge network reaches the host
 * through the bridge's gateway address (and any other host address), so every service listening on all
 * interfaces would be open to it. One {@code INPUT} rule drops everything arriving from the sandbox's own bridge
 * interface; forwarded traffic (the internet) and Docker's embedded DNS (served inside the container) are
 * unaffected. Needs {@code iptables} and root, like the engine itself; without them bridge sandboxes are refused.
 */
final class HostFirewall {

    private static final String COMMENT = "nightshift-sandbox";

    private HostFirewall() {
    }

    /** @throws SandboxException when the rule cannot be installed (bridge mode then fails closed) */
    static void blockHostAccess(String bridgeInterface) {
        String problem = iptables("-I", bridgeInterface);
        if (problem != null) {
            throw new SandboxException("sandbox.network=bridge needs a firewall rule that keeps host services out of "
                    + "the sandbox, and installing it failed (" + problem + "). Run Nightshift as root with iptables "
                    + "installed, or use sandbox.network=none", false);
        }
    }

    /** Removes the rule; never throws. */
    static void unblock(String bridgeInterface) {
        iptables("-D", bridgeInterface);
    }

    /** Runs one rule change; returns null on success, else what went wrong. */
    private static String iptables(String action, String bridgeInterface) {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "5", action, "INPUT", "-i", bridgeInterface,
                "-m", "comment", "--comment", COMMENT, "-j", "DROP"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "iptables did not finish in 10 s";
            }
            return p.exitValue() == 0 ? null : "iptables exit " + p.exitValue() + ": " + output;
        } catch (IOException e) {
            return "cannot run iptables: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
