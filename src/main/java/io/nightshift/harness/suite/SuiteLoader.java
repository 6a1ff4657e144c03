package io.nightshift.harness.suite;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Background;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.ParseError;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.Rule;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.TableRow;
import io.nightshift.harness.Scenario;
import io.nightshift.harness.Step;
import io.nightshift.harness.StepAction;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.SuiteSettings;
import io.nightshift.harness.SuiteTwin;
import io.nightshift.twin.cassette.Cassette;
import io.nightshift.twin.cassette.CassetteException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a suite's files into a validated {@link Suite}. Feature files are parsed by Cucumber's Gherkin parser and
 * compiled into pickles, so Background steps are folded into every scenario and each Examples row of a Scenario
 * Outline becomes a scenario of its own (titled {@code <name> (example n)} unless the name uses a placeholder).
 * Every step must be a built-in one ({@link StepCatalogue}); every problem in the whole suite is collected before
 * failing, as {@code file:line: message}.
 */
public final class SuiteLoader {

    private static final Pattern PARSE_ERROR_PREFIX = Pattern.compile("^\\((\\d+):(\\d+)\\): ");

    /** @throws SuiteValidationException listing every problem */
    public Suite loadDirectory(Path dir) {
        return load(SuiteDirectory.read(dir));
    }

    /** @throws SuiteValidationException listing every problem */
    public Suite load(SuiteFiles files) {
        List<SuiteProblem> problems = new ArrayList<>();
        String yaml = files.files().get(SuiteDirectory.SETTINGS_FILE);
        SuiteSettings settings = null;
        if (yaml == null) {
            problems.add(new SuiteProblem(SuiteDirectory.SETTINGS_FILE, 0, "missing: a suite needs a suite.yaml "
                    + "with at least 'name: <suite name>'"));
        } else {
            settings = SuiteSettingsParser.parse(SuiteDirectory.SETTINGS_FILE, yaml, problems);
        }
        List<Scenario> scenarios = new ArrayList<>();
        boolean anyFeature = false;
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            if (file.getKey().endsWith(".feature")) {
                anyFeature = true;
                scenarios.addAll(new FeatureFile(file.getKey(), file.getValue(), problems).scenarios());
            } else if (!file.getKey().equals(SuiteDirectory.SETTINGS_FILE) && !namedByATwin(settings, file.getKey())) {
                problems.add(new SuiteProblem(file.getKey(), 0, "not part of a suite (only suite.yaml, .feature "
                        + "files and the cassettes that suite.yaml's twins name are)"));
            }
        }
        List<SuiteTwin> twins = settings == null ? List.of() : cassettes(settings.twins(), files, problems);
        if (settings != null) {
            // with suite.yaml unreadable, which twins exist is unknown: no follow-on problems
            checkTwinSteps(scenarios, settings.twins(), problems);
        }
        if (!anyFeature) {
            problems.add(new SuiteProblem(SuiteDirectory.SETTINGS_FILE, 0, "the suite is empty: add .feature files "
                    + "with scenarios beside suite.yaml"));
        }
        checkUniqueTitles(scenarios, problems);
        List<SuiteProblem> distinct = new ArrayList<>(new LinkedHashSet<>(problems));
        if (!distinct.isEmpty()) {
            throw new SuiteValidationException(distinct);
        }
        return new Suite(settings, files.contentHash(), scenarios, twins);
    }

    private static boolean namedByATwin(SuiteSettings settings, String path) {
        return settings != null && settings.twins().stream().anyMatch(t -> t.from().equals(path));
    }

    /** Each declared twin with its cassette read and checked. */
    private static List<SuiteTwin> cassettes(List<SuiteTwin> declared, SuiteFiles files, List<SuiteProblem> problems) {
        List<SuiteTwin> out = new ArrayList<>();
        for (SuiteTwin twin : declared) {
            String text = files.files().get(twin.from());
            if (text == null) {
                problems.add(new SuiteProblem(SuiteDirectory.SETTINGS_FILE, 0, "the twin '" + twin.name() + "' is made "
                        + "from " + twin.from() + ", which is not in the suite: record one with 'nightshift twin record "
                        + "--upstream URL --out " + twin.from() + "' in the suite folder"));
                continue;
            }
            try {
                Cassette.parse(text, twin.from());
                out.add(twin.withCassette(text));
            } catch (CassetteException e) {
                problems.add(new SuiteProblem(twin.from(), 0, e.getMessage().startsWith(twin.from() + ": ")
                        ? e.getMessage().substring(twin.from().length() + 2) : e.getMessage()));
            }
        }
        return out;
    }

    /** A twin step must name a twin suite.yaml declares. */
    private static void checkTwinSteps(List<Scenario> scenarios, List<SuiteTwin> twins, List<SuiteProblem> problems) {
        Set<String> names = new java.util.TreeSet<>();
        twins.forEach(t -> names.add(t.name()));
        for (Scenario scenario : scenarios) {
            for (Step step : scenario.steps()) {
                String twin = switch (step.action()) {
                    case StepAction.ResetTwin a -> a.twin();
                    case StepAction.FailTwinNext a -> a.twin();
                    case StepAction.ExpectTwinRequest e -> e.twin();
                    default -> null;
                };
                if (twin != null && !names.contains(twin)) {
                    problems.add(new SuiteProblem(step.file(), step.line(), "the twin '" + twin + "' is not declared: "
                            + (names.isEmpty() ? "add it to suite.yaml's twins: list" : "suite.yaml declares "
                            + String.join(", ", names))));
                }
            }
        }
    }

    private static void checkUniqueTitles(List<Scenario> scenarios, List<SuiteProblem> problems) {
        Map<String, Scenario> seen = new HashMap<>();
        for (Scenario s : scenarios) {
            Scenario first = seen.putIfAbsent(s.title(), s);
            if (first != null) {
                problems.add(new SuiteProblem(s.file(), s.line(), "duplicate scenario name '" + s.title()
                        + "' (first at " + first.file() + ":" + first.line() + "): scenario names must be unique in "
                        + "a suite"));
            }
        }
    }

    /** One feature file: its AST for lines and keywords, its pickles for the expanded scenarios. */
    private static final class FeatureFile {
        private final String file;
        private final List<SuiteProblem> problems;
        private final Map<String, Integer> lines = new HashMap<>();
        private final Map<String, String> keywords = new HashMap<>();
        private final Map<String, Integer> outlineRows = new HashMap<>();
        private final List<Pickle> pickles = new ArrayList<>();
        private Feature feature;

        FeatureFile(String file, String text, List<SuiteProblem> problems) {
            this.file = file;
            this.problems = problems;
            GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(true)
                    .includePickles(true).build();
            parser.parse(file, text.getBytes(StandardCharsets.UTF_8)).forEach(this::accept);
        }

        private void accept(Envelope e) {
            e.getParseError().ifPresent(this::parseError);
            e.getGherkinDocument().flatMap(GherkinDocument::getFeature).ifPresent(this::index);
            e.getPickle().ifPresent(pickles::add);
        }

        private void parseError(ParseError error) {
            String message = error.getMessage();
            int line = error.getSource().getLocation().map(l -> l.getLine().intValue()).orElse(0);
            Matcher m = PARSE_ERROR_PREFIX.matcher(message);
            if (m.find()) {
                line = line == 0 ? Integer.parseInt(m.group(1)) : line;
                message = message.substring(m.end());
            }
            problems.add(new SuiteProblem(file, line, "Gherkin syntax: " + message));
        }

        private void index(Feature f) {
            feature = f;
            for (FeatureChild child : f.getChildren()) {
                child.getBackground().ifPresent(this::index);
                child.getScenario().ifPresent(this::index);
                child.getRule().ifPresent(this::index);
            }
        }

        private void index(Rule rule) {
            for (RuleChild child : rule.getChildren()) {
                child.getBackground().ifPresent(this::index);
                child.getScenario().ifPresent(this::index);
            }
        }

        private void index(Background b) {
            b.getSteps().forEach(this::index);
        }

        private void index(io.cucumber.messages.types.Scenario s) {
            lines.put(s.getId(), s.getLocation().getLine().intValue());
            s.getSteps().forEach(this::index);
            int n = 0;
            for (Examples examples : s.getExamples()) {
                for (TableRow row : examples.getTableBody()) {
                    lines.put(row.getId(), row.getLocation().getLine().intValue());
                    outlineRows.put(row.getId(), ++n);
                }
            }
        }

        private void index(io.cucumber.messages.types.Step step) {
            lines.put(step.getId(), step.getLocation().getLine().intValue());
            keywords.put(step.getId(), step.getKeyword().strip());
        }

        List<Scenario> scenarios() {
            if (feature == null) {
                boolean syntaxProblem = problems.stream().anyMatch(p -> p.file().equals(file));
                if (!syntaxProblem) {
                    problems.add(new SuiteProblem(file, 1, "no Feature in this file: start it with 'Feature: <name>'"));
                }
                return List.of();
            }
            if (pickles.isEmpty()) {
                problems.add(new SuiteProblem(file, feature.getLocation().getLine().intValue(), "the feature has no "
                        + "scenarios (an outline needs an Examples table with at least one row)"));
                return List.of();
            }
            String story = feature.getDescription() == null ? "" : feature.getDescription().stripIndent().strip();
            List<Scenario> out = new ArrayList<>();
            for (Pickle pickle : pickles) {
                out.add(scenario(pickle, story));
            }
            return out;
        }

        private Scenario scenario(Pickle pickle, String story) {
            List<String> ast = pickle.getAstNodeIds();
            String scenarioId = ast.get(0);
            int line = lines.getOrDefault(scenarioId, 0);
            String rowId = ast.size() > 1 ? ast.get(ast.size() - 1) : null;
            int idLine = rowId == null ? line : lines.getOrDefault(rowId, line);
            String title = pickle.getName().strip();
            if (title.isEmpty()) {
                problems.add(new SuiteProblem(file, line, "the scenario has no name: write one after 'Scenario:'"));
            }
            if (rowId != null && outlineRows.containsKey(rowId) && !title.isEmpty() && !usesPlaceholderName(pickle)) {
                title = title + " (example " + outlineRows.get(rowId) + ")";
            }
            List<Step> steps = new ScenarioSteps(file, title, line, problems).build(pickle.getSteps(), lines, keywords);
            return new Scenario(file + ":" + idLine, feature.getName().strip(), title, story, file, line, steps);
        }

        /** An outline whose name has a {@code <placeholder>} names each example itself. */
        private boolean usesPlaceholderName(Pickle pickle) {
            return rawName(pickle.getAstNodeIds().get(0)).contains("<");
        }

        private String rawName(String scenarioId) {
            for (FeatureChild child : feature.getChildren()) {
                String found = child.getScenario().filter(s -> s.getId().equals(scenarioId))
                        .map(io.cucumber.messages.types.Scenario::getName).orElse(null);
                if (found != null) {
                    return found;
                }
                if (child.getRule().isPresent()) {
                    for (RuleChild rc : child.getRule().get().getChildren()) {
                        found = rc.getScenario().filter(s -> s.getId().equals(scenarioId))
                                .map(io.cucumber.messages.types.Scenario::getName).orElse(null);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
            return "";
        }
    }

    /**
     * The steps of one scenario: each understood by the catalogue, then checked in order (an expectation needs
     * something before it to check; a request to a path needs a service started before it, whose port it takes).
     */
    private record ScenarioSteps(String file, String title, int line, List<SuiteProblem> problems) {

        List<Step> build(List<PickleStep> pickleSteps, Map<String, Integer> lines, Map<String, String> keywords) {
            List<Step> steps = new ArrayList<>();
            Set<Class<?>> seen = new java.util.HashSet<>();
            Integer servicePort = null;
            boolean expects = false;
            boolean rejected = false;
            if (pickleSteps.isEmpty()) {
                problems.add(new SuiteProblem(file, line, "scenario '" + title + "' has no steps"));
            }
            for (PickleStep ps : pickleSteps) {
                String astId = ps.getAstNodeIds().get(0);
                int stepLine = lines.getOrDefault(astId, line);
                StepCatalogue.Argument arg = argument(ps);
                StepCatalogue.Parsed parsed = StepCatalogue.parse(ps.getText(), arg);
                if (parsed instanceof StepCatalogue.Parsed.Rejected r) {
                    problems.add(new SuiteProblem(file, stepLine, r.message()));
                    rejected = true;
                    continue;
                }
                StepAction action = ((StepCatalogue.Parsed.Understood) parsed).action();
                // after a step that was not understood, what it would have done is unknown: no follow-on problems
                String missing = rejected ? null : missingPredecessor(action, seen);
                if (missing != null) {
                    problems.add(new SuiteProblem(file, stepLine, "'" + ps.getText().strip() + "' " + missing));
                    continue;
                }
                if (action instanceof StepAction.StartService s) {
                    servicePort = s.port();
                }
                if (action instanceof StepAction.SendHttp h && h.target().startsWith("/")) {
                    if (servicePort == null && !rejected) {
                        problems.add(new SuiteProblem(file, stepLine, "a request to the path " + h.target()
                                + " goes to the service started last, but no 'I start ... and wait for port' step "
                                + "comes before it (or give a full http://localhost:<port>/... URL)"));
                        continue;
                    }
                    action = new StepAction.SendHttp(h.method(), "http://localhost:" + (servicePort == null ? 80
                            : servicePort) + h.target(),
                            h.headers(), h.body());
                }
                seen.add(action.getClass());
                expects |= isExpectation(action);
                steps.add(new Step(keywords.getOrDefault(astId, "*"), ps.getText().strip(), file, stepLine, action));
            }
            if (!pickleSteps.isEmpty() && !expects && steps.size() == pickleSteps.size()) {
                problems.add(new SuiteProblem(file, line, "scenario '" + title + "' checks nothing: add a Then step "
                        + "(for example 'Then the exit code is 0')"));
            }
            return steps;
        }

        private static StepCatalogue.Argument argument(PickleStep ps) {
            return ps.getArgument().map(a -> {
                if (a.getDocString().isPresent()) {
                    var doc = a.getDocString().get();
                    return new StepCatalogue.Argument(doc.getContent(), doc.getMediaType().orElse(null), null);
                }
                if (a.getDataTable().isPresent()) {
                    List<List<String>> rows = a.getDataTable().get().getRows().stream()
                            .map(r -> r.getCells().stream().map(c -> c.getValue()).toList()).toList();
                    return new StepCatalogue.Argument(null, null, rows);
                }
                return StepCatalogue.Argument.NONE;
            }).orElse(StepCatalogue.Argument.NONE);
        }

        /** Null when the step has what it checks; else the end of a sentence saying what is missing. */
        private static String missingPredecessor(StepAction action, Set<Class<?>> seen) {
            boolean ran = seen.contains(StepAction.RunCommand.class);
            boolean requested = seen.contains(StepAction.SendHttp.class);
            String needsRun = "checks the last command run, but no 'I run \"...\"' step comes before it";
            String needsRequest = "checks the last HTTP response, but no 'I send a ... request' step comes before it";
            return switch (action) {
                case StepAction.RunCommand r -> null;
                case StepAction.StartService s -> null;
                case StepAction.SendHttp h -> null;
                case StepAction.ExpectFile f -> null;
                case StepAction.ExpectExitCode e -> ran ? null : needsRun;
                case StepAction.ExpectText t -> t.source() == StepAction.Source.HTTP_BODY
                        ? requested ? null : needsRequest
                        : ran ? null : needsRun;
                case StepAction.ExpectJson j -> j.source() == StepAction.Source.HTTP_BODY
                        ? requested ? null : needsRequest
                        : ran ? null : needsRun;
                case StepAction.ExpectHttpStatus s -> requested ? null : needsRequest;
                case StepAction.JudgeAgrees j -> ran || requested || seen.contains(StepAction.StartService.class)
                        ? null : "has nothing to judge: run a command, start a service or send a request before it";
                case StepAction.ResetTwin t -> null;
                case StepAction.FailTwinNext t -> null;
                case StepAction.ExpectTwinRequest t -> null;
            };
        }

        private static boolean isExpectation(StepAction action) {
            return switch (action) {
                case StepAction.RunCommand r -> false;
                case StepAction.StartService s -> false;
                case StepAction.SendHttp h -> false;
                case StepAction.ExpectExitCode e -> true;
                case StepAction.ExpectText t -> true;
                case StepAction.ExpectJson j -> true;
                case StepAction.ExpectHttpStatus s -> true;
                case StepAction.ExpectFile f -> true;
                case StepAction.JudgeAgrees j -> true;
                case StepAction.ResetTwin t -> false;
                case StepAction.FailTwinNext t -> false;
                case StepAction.ExpectTwinRequest t -> true;
            };
        }
    }
}
