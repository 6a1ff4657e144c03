package io.nightshift.cli;

import io.nightshift.runtime.dev.SandboxJanitor;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift sandbox ls|prune}: the Docker sandboxes Nightshift manages, found by their labels. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Lists or removes the Docker sandboxes Nightshift started (label io.nightshift.managed=true).",
        subcommands = {SandboxCommand.Ls.class, SandboxCommand.Prune.class})
public class SandboxCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--docker-host", paramLabel = "URL",
            description = "The engine to talk to (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    String dockerHost;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code action} against the engine; an unreachable engine is exit code 2 with the reason on stderr. */
    int withEngine(CommandLine.Model.CommandSpec spec, ToIntFunction<SandboxJanitor> action) {
        try (SandboxJanitor janitor = SandboxJanitor.connect(dockerHost)) {
            return action.applyAsInt(janitor);
        } catch (SandboxJanitor.EngineUnavailableException e) {
            spec.commandLine().getErr().println("nightshift sandbox: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists managed sandboxes, oldest first.")
    static class Ls implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Override
        public Integer call() {
            return parent.withEngine(spec, reaper -> {
                PrintWriter out = spec.commandLine().getOut();
                List<SandboxJanitor.ManagedSandbox> all = reaper.list();
                if (all.isEmpty()) {
                    out.println("no Nightshift sandboxes");
                    return 0;
                }
                out.printf("%-48s %-24s %-28s %-10s %s%n", "NAME", "RUN", "OWNER", "STATE", "CREATED");
                for (SandboxJanitor.ManagedSandbox i : all) {
                    out.printf("%-48s %-24s %-28s %-10s %s%n", i.name(), i.runId(),
                            i.owner() + (i.ownerDead() ? " (dead)" : ""), i.state(), i.created());
                }
                return 0;
            });
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Removes sandboxes whose owning Nightshift process is dead (all of them with --all).")
    static class Prune implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Option(names = "--all", description = "Also remove sandboxes of live Nightshift processes.")
        boolean all;

        @Override
        public Integer call() {
            return parent.withEngine(spec, reaper -> {
                List<String> removed = all ? reaper.removeAll() : reaper.reapDeadOwners();
                PrintWriter out = spec.commandLine().getOut();
                removed.forEach(name -> out.println("removed " + name));
                out.println(removed.size() + " sandbox" + (removed.size() == 1 ? "" : "es") + " removed");
                return 0;
            });
        }
    }
}
