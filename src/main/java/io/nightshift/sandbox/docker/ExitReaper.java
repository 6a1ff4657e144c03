package io.nightshift.sandbox.docker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes, when the JVM exits (SIGTERM, {@code System.exit} from anywhere), every sandbox container this process
 * started and has not closed yet, and hands their workspaces back; the label reaper handles what even this misses
 * (a KILL, a halt, a dead engine). One hook per process, installed with the first container.
 */
final class ExitReaper {

    private static final Map<String, SandboxContainer> LIVE = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    private ExitReaper() {
    }

    static void register(SandboxContainer container) {
        if (container.id() == null) {
            return;
        }
        install();
        LIVE.put(container.id(), container);
    }

    static void unregister(String containerId) {
        if (containerId != null) {
            LIVE.remove(containerId);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitReaper::removeAll, "nightshift-sandbox-exit-reaper"));
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the label reaper removes what is left
        }
    }

    private static void removeAll() {
        for (SandboxContainer c : List.copyOf(LIVE.values())) {
            c.close();
        }
    }
}
