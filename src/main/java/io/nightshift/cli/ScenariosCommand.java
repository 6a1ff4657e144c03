package io.nightshift.cli;

import io.nightshift.runtime.scenario.JudgmentRecord;
import io.nightshift.runtime.scenario.ScenarioCatalog;
import io.nightshift.runtime.scenario.ScenarioCatalog;
import io.nightshift.runtime.scenario.ScenarioStoreUnavailableException;
import io.nightshift.runtime.scenario.StoredSuite;
import io.nightshift.runtime.scenario.SuiteCheck;
import io.nightshift.runtime.scenario.SuiteImport;
import io.nightshift.runtime.scenario.SuiteShow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nightshift scenarios import|ls|show|rm|check}: held-out scenario suites in the isolated store. Exit codes:
 * 0 done; 1 the suite has problems (listed on stderr as {@code file:line: message}) or there is no such suite;
 * 2 no such folder, or the store cannot be used (Docker or the store image missing), with the fix on stderr.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "Manages held-out scenario suites in the isolated scenario store (see scenario-store/README.md).",
        subcommands = {ScenariosCommand.Import.class, ScenariosCommand.Ls.class, ScenariosCommand.Show.class,
                ScenariosCommand.Rm.class, ScenariosCommand.Check.class, ScenariosCommand.Report.class})
public class ScenariosCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--docker-host", paramLabel = "URL",
            description = "The engine to talk to (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    String dockerHost;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code action} with a catalogue; a store that cannot be used is exit code 2 with the reason. */
    int withCatalog(CommandLine.Model.CommandSpec sub, ToIntFunction<ScenarioCatalog> action) {
        try (ScenarioCatalog catalog = new ScenarioCatalog(dockerHost)) {
            return action.applyAsInt(catalog);
        } catch (ScenarioStoreUnavailableException e) {
            sub.commandLine().getErr().println("nightshift scenarios: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
    }

    /** Null when {@code dir} is a folder; else the exit code after saying so. */
    static Integer requireFolder(CommandLine.Model.CommandSpec sub, Path dir) {
        if (java.nio.file.Files.isDirectory(dir)) {
            return null;
        }
        sub.commandLine().getErr().println("nightshift scenarios: " + dir + " is not a folder (a suite is a folder "
                + "holding suite.yaml and .feature files)");
        return ExitCodes.UNUSABLE_INPUT;
    }

    /** Prints the problems of an invalid suite on stderr; returns the exit code for it. */
    static int reportProblems(CommandLine.Model.CommandSpec sub, SuiteCheck check) {
        PrintWriter err = sub.commandLine().getErr();
        check.problems().forEach(err::println);
        err.println(check.folder() + ": invalid suite (" + check.problems().size() + " problem"
                + (check.problems().size() == 1 ? "" : "s") + ")");
        return ExitCodes.FAILED;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates a suite folder without importing it (no Docker needed).")
    static class Check implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The suite folder: suite.yaml and .feature files.")
        Path dir;

        @Override
        public Integer call() {
            Integer missing = requireFolder(spec, dir);
            if (missing != null) {
                return missing;
            }
            try (ScenarioCatalog catalog = new ScenarioCatalog(null)) {
                SuiteCheck check = catalog.check(dir);
                if (!check.valid()) {
                    return reportProblems(spec, check);
                }
                spec.commandLine().getOut().printf(Locale.ROOT, "%s: valid suite '%s', version %s (%d scenario%s, "
                        + "%d trial%s each, disclosure %s, threshold %s)%n", check.folder(), check.name(),
                        check.version(), check.scenarios(), check.scenarios() == 1 ? "" : "s", check.trials(),
                        check.trials() == 1 ? "" : "s", check.disclosure(), check.threshold());
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Validates a suite folder and stores it, versioned by content hash; importing identical "
                    + "content again changes nothing.")
    static class Import implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        ScenariosCommand parent;

        @Parameters(paramLabel = "DIR", description = "The suite folder: suite.yaml and .feature files.")
        Path dir;

        @Option(names = "--suite", paramLabel = "NAME",
                description = "The suite's name; must match the name in suite.yaml (default: that name).")
        String suite;

        @Override
        public Integer call() {
            Integer missing = requireFolder(spec, dir);
            if (missing != null) {
                return missing;
            }
            return parent.withCatalog(spec, catalog -> {
                SuiteImport result = catalog.importSuite(dir, suite);
                if (!result.check().valid()) {
                    return reportProblems(spec, result.check());
                }
                StoredSuite s = result.stored();
                spec.commandLine().getOut().println(result.changed()
                        ? "imported " + s.name() + " version " + s.version() + " (" + s.scenarios() + " scenario"
                                + (s.scenarios() == 1 ? "" : "s") + ")"
                        : s.name() + " unchanged: version " + s.version() + " is already current");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the suites in the store.")
    static class Ls implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        ScenariosCommand parent;

        @Override
        public Integer call() {
            return parent.withCatalog(spec, catalog -> {
                List<StoredSuite> suites = catalog.list();
                PrintWriter out = spec.commandLine().getOut();
                if (suites.isEmpty()) {
                    out.println("no suites in the scenario store (add one with: nightshift scenarios import DIR)");
                    return ExitCodes.OK;
                }
                out.printf("%-32s %-14s %-10s %s%n", "SUITE", "VERSION", "SCENARIOS", "IMPORTED");
                for (StoredSuite s : suites) {
                    out.printf("%-32s %-14s %-10d %s%n", s.name(), s.version(), s.scenarios(), s.importedAt());
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints a suite's current files and its history: for the operator's eyes only.")
    static class Show extends OnSuite {

        @Override
        public Integer call() {
            return parent.withCatalog(spec, catalog -> {
                Optional<SuiteShow> found = catalog.show(name);
                if (found.isEmpty()) {
                    return noSuchSuite();
                }
                SuiteShow show = found.get();
                PrintWriter out = spec.commandLine().getOut();
                spec.commandLine().getErr().println("(held-out scenarios: keep them out of anything an agent can read)");
                out.println("suite " + show.name());
                out.println("history (oldest first):");
                for (StoredSuite v : show.history()) {
                    out.println("  " + v.version() + "  " + v.importedAt() + "  " + v.scenarios() + " scenarios"
                            + (v.current() ? "  (current)" : ""));
                }
                show.files().forEach((path, text) -> {
                    out.println();
                    out.println("==> " + path + " <==");
                    out.print(text.endsWith("\n") ? text : text + "\n");
                });
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Removes a suite from the store, with its history and recorded judgments.")
    static class Rm extends OnSuite {

        @Override
        public Integer call() {
            return parent.withCatalog(spec, catalog -> {
                if (!catalog.remove(name)) {
                    return noSuchSuite();
                }
                spec.commandLine().getOut().println("removed " + name);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Satisfaction over time: every recorded judgment of a suite, oldest first.")
    static class Report extends OnSuite {

        @Override
        public Integer call() {
            return parent.withCatalog(spec, catalog -> {
                if (catalog.show(name).isEmpty()) {
                    return noSuchSuite();
                }
                List<JudgmentRecord> judgments = catalog.judgments(name);
                PrintWriter out = spec.commandLine().getOut();
                if (judgments.isEmpty()) {
                    out.println(name + " has not been judged yet");
                    return ExitCodes.OK;
                }
                out.printf("%-21s %-13s %-13s %-15s %-8s %s%n", "JUDGED", "VERSION", "COMMIT", "SATISFACTION",
                        "NEEDED", "REACHED");
                int reached = 0;
                for (JudgmentRecord j : judgments) {
                    String satisfaction = String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * j.satisfaction(),
                            j.satisfiedTrials(), j.totalTrials());
                    out.printf(Locale.ROOT, "%-21s %-13s %-13s %-15s %-8s %s%n",
                            j.judgedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), j.version(),
                            j.commit().substring(0, Math.min(12, j.commit().length())), satisfaction,
                            String.format(Locale.ROOT, "%.1f%%", 100 * j.threshold()), j.reached() ? "yes" : "no");
                    reached += j.reached() ? 1 : 0;
                    if (!j.certainty().isBlank()) {
                        out.println("  how sure: " + j.certainty());
                    }
                    for (String title : j.flaky()) {
                        out.println("  flaky: \"" + title + "\" (its trials disagreed on the same commit)");
                    }
                    if (j.judgeErrors() > 0) {
                        out.println("  judge errors: " + j.judgeErrors() + " trial(s) the judge could not complete, "
                                + "not counted");
                    }
                }
                out.printf(Locale.ROOT, "%d judgments, %d reached the threshold; mean satisfaction %.1f%%%n",
                        judgments.size(), reached,
                        100 * judgments.stream().mapToDouble(JudgmentRecord::satisfaction).average().orElse(0));
                printExposure(out, catalog.exposure(name));
                return ExitCodes.OK;
            });
        }

    }

    /** The leak ledger: what of each scenario reached the agents, and which are withheld and due for rotation. */
    static void printExposure(PrintWriter out, ScenarioCatalog.ExposureReport report) {
        out.println();
        out.println("Exposure to agents (judgments whose feedback disclosed more than a scenario's counts"
                + (report.maxExposure() == null ? "; no max_exposure set):" : "; max_exposure "
                + report.maxExposure() + "):"));
        if (report.scenarios().isEmpty()) {
            out.println("  no scenario has been disclosed to an agent beyond its counts");
        }
        for (ScenarioCatalog.ScenarioExposure e : report.scenarios()) {
            boolean rotate = e.rotate();
            out.printf(Locale.ROOT, "  \"%s\": %d time(s), %s to %s (%s)%s%n", e.title(), e.count(),
                    e.first() == null ? "?" : e.first().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    e.last() == null ? "?" : e.last().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    String.join(", ", e.kinds()), rotate ? "; WITHHELD from feedback: rotate it" : "");
        }
    }

    /** A subcommand on one suite of the store. */
    abstract static class OnSuite implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        ScenariosCommand parent;

        @Parameters(paramLabel = "NAME", description = "The suite.")
        String name;

        int noSuchSuite() {
            spec.commandLine().getErr().println("nightshift scenarios: no suite named " + name
                    + " (nightshift scenarios ls lists them)");
            return ExitCodes.FAILED;
        }
    }
}
