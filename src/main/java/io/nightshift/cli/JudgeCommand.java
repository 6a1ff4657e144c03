package io.nightshift.cli;

import io.nightshift.runtime.UnusableInputException;
import io.nightshift.runtime.harness.JudgeOrder;
import io.nightshift.runtime.harness.JudgeReport;
import io.nightshift.runtime.harness.JudgeService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift judge}: judges a commit against a suite of the scenario store, without a pipeline, and prints
 * the satisfaction report at the suite's disclosure level. Exit codes: 0 the threshold is reached, 1 it is not,
 * 2 unusable input (with the fix on stderr), 130 interrupted.
 */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judges a repository's commit against a held-out suite of the scenario store and prints the "
                + "satisfaction report, as far as the suite's disclosure level allows.")
public class JudgeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "NAME", description = "The suite in the scenario store.")
    String suite;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "A git repository on this machine: its HEAD (or --ref) is judged, never uncommitted changes.")
    Path workspace;

    @Option(names = "--repo", paramLabel = "PATH_OR_URL",
            description = "A repository to clone into a temporary directory (removed afterwards) and judge.")
    String repo;

    @Option(names = "--ref", paramLabel = "REF", description = "Branch, tag or commit to judge (default: HEAD).")
    String ref;

    @Option(names = "--trials", paramLabel = "N", description = "Trials per scenario (default: the suite's).")
    Integer trials;

    @Option(names = "--threshold", paramLabel = "X",
            description = "Satisfaction needed, 0 to 1 (default: the suite's).")
    Double threshold;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Image of the judge containers (default: nightshift/sandbox-dev:current).")
    String image;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
            description = "Trials at once (default: as many as the machine's cores, at least 2).")
    int parallelism;

    @Option(names = "--sandbox", paramLabel = "docker|local",
            description = "Judge in containers (docker, the default) or on this machine (local).")
    String sandbox;

    @Option(names = "--allow-local-holdout",
            description = "Accept --sandbox local although the scenarios' commands then run here, unisolated.")
    boolean allowLocalHoldout;

    @Option(names = "--json", description = "Print the disclosed judgment as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JudgeService service = new JudgeService(System.getenv());
        Interrupts.onInterrupt("the judgment", service::cancel);
        JudgeReport report;
        try {
            report = service.judge(new JudgeOrder(suite, workspace, repo, ref, trials, threshold, image, parallelism,
                    sandbox, allowLocalHoldout));
        } catch (UnusableInputException e) {
            err.println("nightshift judge: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        } catch (InterruptedException e) {
            err.println("nightshift judge: " + e.getMessage());
            return Interrupts.exitCode();
        }
        report.warnings().forEach(w -> err.println("warning: " + w));
        if (json) {
            out.println(report.json());
        } else {
            render(report, out);
        }
        return report.reached() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static void render(JudgeReport r, PrintWriter out) {
        out.println("suite " + r.suite() + " version " + r.version() + " (disclosure " + r.disclosure() + ")");
        out.println("commit " + r.commit());
        out.printf(Locale.ROOT, "satisfaction %s: %d/%d trials, threshold %s: %s%n", percent(r.satisfaction()),
                r.satisfiedTrials(), r.totalTrials(), percent(r.threshold()),
                r.reached() ? "PASSED" : "BELOW THRESHOLD");
        for (JudgeReport.Scenario s : r.scenarios()) {
            out.println("  " + s.label() + (s.title() == null || s.title().isBlank() ? "" : ": " + s.title()) + "  "
                    + s.satisfiedTrials() + "/" + s.trials() + " trials");
        }
        if (r.feedback() != null && !r.feedback().isBlank()) {
            out.println();
            out.print(r.feedback().endsWith("\n") ? r.feedback() : r.feedback() + "\n");
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
