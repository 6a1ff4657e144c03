package io.nightshift.cli;

import io.nightshift.runtime.InvalidPipelineException;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.RunLauncher;
import io.nightshift.runtime.RunOptions;
import io.nightshift.runtime.RunOutcome;
import io.nightshift.runtime.RunRequest;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.runtime.UnusableInputException;
import io.nightshift.runtime.ValidationReports;
import io.nightshift.runtime.harness.HarnessReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nightshift run}: runs a pipeline with live progress; exit 0 success, 1 failed, 2 bad input, 3 budget
 * exhausted, 4 stalled, 130 interrupted.
 */
@Command(name = "run", description = "Run a pipeline.", mixinStandardHelpOptions = true)
public class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PIPELINE.dot", arity = "0..1",
            description = "The pipeline to run (optional with --resume: the run directory names it).")
    Path pipeline;

    @Option(names = "--simulate", description = "Use the simulation backend for LLM stages, even with an API key.")
    boolean simulate;

    @Option(names = "--auto-approve", description = "Answer every human gate with its first option.")
    boolean autoApprove;

    @Option(names = {"--logs-dir"}, paramLabel = "DIR",
            description = "Run directory (default: runs/<pipeline>-<time>). Alias: --logs.")
    Path logsDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its checkpoint.")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Add a value to the run context (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--workspace", paramLabel = "PATH",
            description = "Work in this directory as it is, on the run branch (default: a fresh repository in the run directory).")
    Path workspace;

    @Option(names = "--repo", paramLabel = "PATH_OR_URL",
            description = "Repository to clone into the run directory (a path, file://, https:// or ssh:// URL).")
    String repo;

    @Option(names = "--ref", paramLabel = "REF", description = "Branch, tag or commit to start from (default: HEAD).")
    String ref;

    @Option(names = "--allow-dirty", description = "Accept uncommitted changes in a --workspace repository.")
    boolean allowDirty;

    @Option(names = "--push", description = "Push the run branch back to a remote --repo at the end (never forced).")
    boolean push;

    @Option(names = "--pull-request", description = "Push the run branch to the --repo URL and open (or, on a re-run,"
            + " update) its pull request on GitHub or merge request on GitLab; GITHUB_TOKEN / GITLAB_TOKEN and"
            + " GITHUB_API_URL / GITLAB_API_URL say where.")
    boolean pullRequest;

    @Option(names = "--forge", paramLabel = "github|gitlab",
            description = "The forge of --pull-request (default: from the --repo URL's host or the one configured).")
    String forge;

    @Option(names = "--forge-repository", paramLabel = "OWNER/NAME|ID",
            description = "The repository as the forge's API names it (default: the --repo URL's path).")
    String forgeRepository;

    @Option(names = "--below-threshold", paramLabel = "draft|open|skip", defaultValue = "draft",
            description = "A run that failed or stayed below a held-out threshold: its pull request is a draft"
                    + " (default), opened anyway, or not opened.")
    String belowThreshold;

    @Option(names = "--sandbox", paramLabel = "docker|local", description = "Where tools run.")
    String sandbox;

    @Option(names = "--allow-local-holdout", description = "Judge against held-out scenarios although --sandbox "
            + "local lets agents read this machine (refused without this flag).")
    boolean allowLocalHoldout;

    @Option(names = "--allow-backend-change", description = "Resume with another LLM backend than the run started"
            + " with (e.g. simulate the rest of a run that used a model; refused without this flag).")
    boolean allowBackendChange;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Stop the run once its model calls were billed "
            + "N tokens (input, cached input and output); overrides the graph's max_tokens.")
    Long maxTokens;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Stop the run once its model calls cost USD "
            + "dollars at catalog prices; overrides the graph's max_cost_usd.")
    Double maxCost;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Stop the run after this much wall-clock time (e.g. 90s, 15m, 2h); overrides max_time.")
    java.time.Duration maxTime;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Stop a stage that reports no progress for this long (default: the graph's stall_timeout, "
                    + "else 15m; 0 turns it off).")
    java.time.Duration stallTimeout;

    @ArgGroup(exclusive = true)
    Verbosity verbosity = new Verbosity();

    static class Verbosity {
        @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, description = "Print routing decisions and more detail.")
        boolean verbose;
    }

    private PullRequestOptions pullRequestOptions() {
        return pullRequest ? new PullRequestOptions(forge, forgeRepository,
                PullRequestOptions.BelowThreshold.fromName(belowThreshold)) : null;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if ((maxTokens != null && maxTokens < 0) || (maxCost != null && !(maxCost >= 0))) {
            err.println("nightshift: --max-tokens and --max-cost must be numbers >= 0");
            return ExitCodes.UNUSABLE_INPUT;
        }
        if (!pullRequest && (forge != null || forgeRepository != null)) {
            err.println("nightshift: --forge and --forge-repository go with --pull-request");
            return ExitCodes.UNUSABLE_INPUT;
        }
        try {
            PullRequestOptions.BelowThreshold.fromName(belowThreshold);
        } catch (IllegalArgumentException e) {
            err.println("nightshift: --below-threshold: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
        RunRequest request = new RunRequest(pipeline, simulate, autoApprove, logsDir, resume, settings, workspace,
                sandbox, repo, ref, allowDirty, push, allowLocalHoldout, null, allowBackendChange,
                RunOptions.budget(maxTokens, maxCost, maxTime), stallTimeout, pullRequestOptions());
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), System.getenv());
        RunLauncher.Plan plan;
        try {
            plan = launcher.plan(request);
        } catch (UnusableInputException e) {
            err.println("nightshift: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        } catch (InvalidPipelineException e) {
            ValidationReports.errorLines(e.diagnostics()).forEach(err::println);
            err.println("nightshift: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        ProgressRenderer.Level level = verbosity.quiet ? ProgressRenderer.Level.QUIET
                : verbosity.verbose ? ProgressRenderer.Level.VERBOSE : ProgressRenderer.Level.NORMAL;
        if (level != ProgressRenderer.Level.QUIET) {
            ValidationReports.lines(plan.warnings()).forEach(err::println);
            if (plan.sandbox().equals("local")) {
                err.println("warning: --sandbox local: tool and agent commands run directly on this machine, unisolated");
            } else {
                out.println("sandbox: docker (hardened container, no network); workspace mounted at /workspace");
            }
            if (plan.backend().equals("simulation")) {
                out.println("llm: simulated (--simulate): no model is called, stages get canned answers");
            } else {
                out.println("llm: " + plan.backend());
            }
        }
        ProgressRenderer renderer = new ProgressRenderer(out, err, level, System.console() != null
                && System.getenv("NO_COLOR") == null);
        Interrupts.onInterrupt(() -> launcher.cancel("interrupted (" + Interrupts.signalName() + ")"));
        RunOutcome result;
        try {
            result = RunOutcome.of(launcher.run(request, plan, RunOptions.interviewer(autoApprove, System.in, out),
                    List.of(renderer), line -> notice(line, level, out, err)));
        } catch (UnusableInputException e) {
            err.println("nightshift: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
        return summarize(result, level, out, err);
    }

    private static void notice(String line, ProgressRenderer.Level level, PrintStream out, PrintStream err) {
        if (line.startsWith("warning:") || line.contains("; warning:")) {
            err.println(line);
        } else if (level != ProgressRenderer.Level.QUIET) {
            out.println(line);
        }
    }

    static int summarize(RunOutcome result, ProgressRenderer.Level level, PrintStream out, PrintStream err) {
        String where = "run directory: " + result.logsRoot();
        List<String> holdout = HarnessReport.lines(result.logsRoot());
        if (level != ProgressRenderer.Level.QUIET || result.status() != RunOutcome.Status.SUCCESS) {
            holdout.forEach(line -> (result.status() == RunOutcome.Status.SUCCESS ? out : err)
                    .println("holdout: " + line));
        }
        String took = ProgressRenderer.human(result.durationMs());
        String simulated = result.simulated() ? "simulated run (no model called): " : "";
        String spent = SpendLine.of(result.spend(), result.simulated());
        String at = result.failedNode().isBlank() ? "" : " at '" + result.failedNode() + "'";
        String resumeWith = "resume with: nightshift run --resume " + result.logsRoot();
        return switch (result.status()) {
            case SUCCESS -> {
                if (level != ProgressRenderer.Level.QUIET) {
                    out.println(simulated + "succeeded in " + took + " (" + result.completedStages() + " stages; "
                            + spent + "); " + where);
                }
                yield ExitCodes.OK;
            }
            case FAIL -> {
                err.println(simulated + "failed" + at + " after " + took + " (" + spent + "): " + result.failureReason()
                        + "; " + where);
                yield ExitCodes.FAILED;
            }
            case BUDGET_EXHAUSTED -> {
                err.println(simulated + "budget exhausted" + at + " after " + took + " (" + spent + "): "
                        + result.failureReason() + "; " + resumeWith
                        + " and a larger budget (--max-tokens, --max-cost, --max-time)");
                yield ExitCodes.BUDGET_EXHAUSTED;
            }
            case STALLED -> {
                err.println(simulated + "stalled" + at + " after " + took + " (" + spent + "): " + result.failureReason()
                        + "; " + resumeWith);
                yield ExitCodes.STALLED;
            }
            case CANCELLED -> {
                err.println(simulated + "cancelled after " + took + " (" + spent + "): " + result.failureReason() + "; "
                        + resumeWith);
                yield Interrupts.exitCode();
            }
        };
    }
}
