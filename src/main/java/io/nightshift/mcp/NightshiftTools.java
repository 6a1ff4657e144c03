package io.nightshift.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.event.Trigger;
import io.nightshift.runtime.InvalidPipelineException;
import io.nightshift.runtime.UnusableInputException;
import io.nightshift.runtime.service.EventHistory;
import io.nightshift.runtime.service.JobIntake;
import io.nightshift.runtime.service.JobRequest;
import io.nightshift.runtime.service.ManagedRun;
import io.nightshift.runtime.service.QuestionBroker;
import io.nightshift.runtime.service.RunNotFoundException;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.RunSnapshot;
import io.nightshift.runtime.service.RunState;
import io.nightshift.runtime.service.RunSubmission;
import io.nightshift.runtime.service.ServiceException;
import io.nightshift.runtime.service.SubmissionGate;
import io.nightshift.runtime.wiring.Caller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools Nightshift offers over MCP, each a thin call of the runtime's services (the same ones the HTTP API uses),
 * answering JSON in the HTTP API's field names. Refusals (an unknown run, a bad answer, a job the service will not
 * take) come back as tool errors whose text says what to fix, never as a stack trace.
 */
final class NightshiftTools {

    /** One tool: what the client lists, and what a call does. */
    record Tool(String name, String title, String description, Map<String, Object> inputSchema,
            Function<ToolArgs, ToolReply> call) {
    }

    static final int MAX_EVENTS = 500;
    static final int MAX_WAIT_SECONDS = 30;

    private final RunRegistry registry;
    private final JobIntake intake;
    private final SubmissionGate gate;
    private final ObjectMapper json;

    NightshiftTools(RunRegistry registry, JobIntake intake, SubmissionGate gate, ObjectMapper json) {
        this.registry = registry;
        this.intake = intake;
        this.gate = gate;
        this.json = json;
    }

    List<Tool> all() {
        return List.of(
                new Tool("submit_job", "Submit a job",
                        "Hand Nightshift a job: a repository (local path or git URL), a goal and a pipeline (a "
                                + "shipped pipeline's name or DOT text). Returns the job's id; follow it with get_run "
                                + "and read_events.",
                        schema(props(
                                "repository", prop("string", "a local directory or a git URL to work on"),
                                "ref", prop("string", "the git ref to start from (default: the default branch)"),
                                "goal", prop("string", "what the job should achieve"),
                                "pipeline", prop("string", "a shipped pipeline's name, e.g. factory; or give dot"),
                                "dot", prop("string", "the pipeline as DOT text, instead of pipeline"),
                                "sandbox", prop("string", "docker (default) or local (if the operator allows it)"),
                                "model", prop("string", "the model of LLM stages that name none"),
                                "provider", prop("string", "the provider of LLM stages that name none"),
                                "simulate", prop("boolean", "answer LLM stages without a model (if allowed)"),
                                "auto_approve", prop("boolean", "answer human gates with their default"),
                                "set", Map.of("type", "object", "description",
                                        "graph attributes to override, name to value",
                                        "additionalProperties", Map.of("type", "string"))), "goal"),
                        this::submitJob),
                new Tool("list_runs", "List runs",
                        "The runs the service knows (jobs and pipelines), newest first, with status, current "
                                + "stage, duration, tokens, cost and satisfaction.",
                        schema(props(
                                "status", prop("string", "only runs in this state: " + states()),
                                "kind", prop("string", "only job or pipeline runs"),
                                "limit", Map.of("type", "integer", "minimum", 1, "maximum", 1000,
                                        "description", "at most this many (default 50)"))),
                        this::listRuns),
                new Tool("get_run", "Read a run",
                        "One run in full: status, stages done and their states, the failure if any, spend, "
                                + "satisfaction, what started it (trigger), and the human-gate questions waiting for an "
                                + "answer.",
                        schema(props("id", prop("string", "the run's (or job's) id")), "id"),
                        this::getRun),
                new Tool("read_events", "Read a run's events",
                        "The run's events after sequence number 'since' (0: from the start), in order. Pass the "
                                + "returned 'next_since' to read on; 'finished' is true when the run has ended and "
                                + "every event was read. 'wait_seconds' waits for the first new event.",
                        schema(props(
                                "id", prop("string", "the run's id"),
                                "since", Map.of("type", "integer", "minimum", 0,
                                        "description", "the last sequence number already read (default 0)"),
                                "max", Map.of("type", "integer", "minimum", 1, "maximum", MAX_EVENTS,
                                        "description", "at most this many events (default 100)"),
                                "wait_seconds", Map.of("type", "integer", "minimum", 0, "maximum", MAX_WAIT_SECONDS,
                                        "description", "wait this long for a first new event (default 0)")), "id"),
                        this::readEvents),
                new Tool("answer_question", "Answer a human gate",
                        "Answer a pending question of a run (see get_run's questions): an option key or YES/NO "
                                + "as 'value', or free text as 'text'.",
                        schema(props(
                                "id", prop("string", "the run's id"),
                                "question_id", prop("string", "the question's id"),
                                "value", prop("string", "an option key, or YES / NO"),
                                "text", prop("string", "free text, for questions that take it")), "id",
                                "question_id"),
                        this::answer),
                new Tool("cancel_run", "Cancel a run",
                        "Stop a queued or running run. It ends cancelled; its run directory and commits stay.",
                        schema(props("id", prop("string", "the run's id")), "id"),
                        this::cancel));
    }

    /** Runs one tool for {@code caller}, turning every refusal into a message for them. */
    ToolReply call(Tool tool, Caller caller, Map<String, Object> arguments) {
        if (caller == null) {
            return ToolReply.refused(tool.name() + ": the request carried no authenticated caller; send the"
                    + " service's bearer token (Authorization: Bearer <token>)");
        }
        try {
            return tool.call().apply(new ToolArgs(tool.name(), arguments, caller));
        } catch (ToolArgs.Refused | ServiceException | UnusableInputException e) {
            return ToolReply.refused(e.getMessage());
        } catch (InvalidPipelineException e) {
            return ToolReply.refused(e.getMessage());
        }
    }

    private ToolReply submitJob(ToolArgs a) {
        String pipeline = a.string("pipeline");
        String dot = a.string("dot");
        if (pipeline != null && dot != null) {
            throw new ToolArgs.Refused("submit_job: give 'pipeline' (a shipped pipeline's name) or 'dot', not both");
        }
        JobRequest request = new JobRequest(a.string("repository"), a.string("ref"), a.required("goal"), pipeline, dot,
                a.string("sandbox"), a.string("model"), a.flag("simulate"), a.flag("auto_approve"), a.strings("set"),
                false, a.string("provider"));
        mayChange(a);
        RunSubmission submission = intake.toSubmission(request);
        gate.check(submission);
        ManagedRun run = registry.submit(submission.withTrigger(Trigger.mcp()), a.caller().owner());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id());
        out.put("status", run.state().wireName());
        out.put("status_url", "/jobs/" + run.id());
        out.put("events_url", "/pipelines/" + run.id() + "/events");
        return ToolReply.of(out);
    }

    private ToolReply listRuns(ToolArgs a) {
        String status = a.string("status");
        if (status != null && Arrays.stream(RunState.values()).noneMatch(s -> s.wireName().equals(status))) {
            throw new ToolArgs.Refused("list_runs: unknown status '" + status + "'; one of " + states());
        }
        String kind = a.string("kind");
        int limit = (int) a.number("limit", 50, 1, 1000);
        List<Map<String, Object>> runs = new ArrayList<>();
        List<ManagedRun> all = new ArrayList<>(registry.list());
        all.sort((x, y) -> y.snapshot().createdAt().compareTo(x.snapshot().createdAt()));
        for (ManagedRun run : all) {
            if (!a.caller().mayAccess(registry.ownerOf(run.id()))) {
                continue;
            }
            RunSnapshot s = run.snapshot();
            if ((status == null || s.state().wireName().equals(status)) && (kind == null || kind.equals(s.kind()))) {
                runs.add(summary(s));
                if (runs.size() == limit) {
                    break;
                }
            }
        }
        return ToolReply.of(Map.of("runs", runs, "count", runs.size()));
    }

    private ToolReply getRun(ToolArgs a) {
        ManagedRun run = visible(a);
        RunSnapshot s = run.snapshot();
        Map<String, Object> out = summary(s);
        out.put("completed_nodes", s.completedNodes());
        out.put("node_states", s.nodeStates());
        out.put("stage_durations_ms", s.stageDurationsMs());
        out.put("failure", s.failure());
        out.put("run_directory", s.runDirectory());
        out.put("satisfaction_by_suite", s.satisfactionBySuite());
        out.put("last_event_seq", s.lastEventSeq());
        out.put("trigger", trigger(run.submission().trigger()));
        out.put("questions", run.questions().pending().stream().map(NightshiftTools::question).toList());
        return ToolReply.of(out);
    }

    private ToolReply readEvents(ToolArgs a) {
        ManagedRun run = visible(a);
        long since = a.number("since", 0, 0, Long.MAX_VALUE);
        int max = (int) a.number("max", 100, 1, MAX_EVENTS);
        Duration wait = Duration.ofSeconds(a.number("wait_seconds", 0, 0, MAX_WAIT_SECONDS));
        EventHistory history = run.history();
        List<EventHistory.Entry> batch;
        try {
            batch = history.next(since, max, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolArgs.Refused("read_events: interrupted while waiting; call again");
        }
        List<Object> events = new ArrayList<>();
        long next = since;
        for (EventHistory.Entry e : batch) {
            events.add(parsed(e));
            next = e.seq();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("next_since", next);
        out.put("finished", history.exhausted(next));
        out.put("status", run.state().wireName());
        return ToolReply.of(out);
    }

    private ToolReply answer(ToolArgs a) {
        mayChange(a);
        ManagedRun run = visible(a);
        String questionId = a.required("question_id");
        String value = a.string("value");
        String text = a.string("text");
        if (value == null && text == null) {
            throw new ToolArgs.Refused("answer_question: give 'value' (an option key, or YES / NO) or 'text'");
        }
        String recorded = run.questions().answerValue(questionId, value, text);
        return ToolReply.of(Map.of("question_id", questionId, "answer", recorded));
    }

    private ToolReply cancel(ToolArgs a) {
        mayChange(a);
        ManagedRun run = visible(a);
        String id = run.id();
        boolean canceled = registry.cancel(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("canceled", canceled);
        out.put("status", run.state().wireName());
        if (!canceled) {
            out.put("message", "the run had already ended (" + run.state().wireName() + "); nothing to cancel");
        }
        return ToolReply.of(out);
    }

    /**
     * The run named by {@code id}, if the caller may see it: another owner's run is answered as unknown, as the HTTP
     * API answers 404, so a token learns nothing of other teams' runs.
     */
    private ManagedRun visible(ToolArgs a) {
        String id = a.required("id");
        ManagedRun run = registry.get(id);
        if (!a.caller().mayAccess(registry.ownerOf(id))) {
            throw new RunNotFoundException(id);
        }
        return run;
    }

    /** Submitting, answering and cancelling need a token with role submit or admin, as over HTTP. */
    private static void mayChange(ToolArgs a) {
        if (!a.caller().maySubmit()) {
            throw new ToolArgs.Refused(a.tool() + ": this token may only read (role read); submitting, answering"
                    + " and cancelling need a token with role submit or admin");
        }
    }

    private Object parsed(EventHistory.Entry e) {
        try {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("seq", e.seq());
            event.putAll(json.readValue(e.json(), Map.class));
            return event;
        } catch (java.io.IOException unreadable) {
            return Map.of("seq", e.seq(), "type", e.type(), "raw", e.json());
        }
    }

    private static Map<String, Object> summary(RunSnapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("kind", s.kind());
        out.put("name", s.name());
        out.put("status", s.state().wireName());
        out.put("current_node", s.currentNode());
        out.put("created_at", text(s.createdAt()));
        out.put("started_at", text(s.startedAt()));
        out.put("finished_at", text(s.finishedAt()));
        out.put("duration_ms", s.durationMs());
        out.put("pending_questions", s.pendingQuestions());
        out.put("satisfaction", s.satisfaction());
        out.put("simulated", s.simulated());
        out.put("tokens", s.spend().total().tokens());
        out.put("cost_usd", s.spend().total().costUsd());
        out.put("cost_complete", s.spend().total().costKnown());
        return out;
    }

    private static Map<String, Object> question(QuestionBroker.Pending q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", q.id());
        out.put("text", q.text());
        out.put("type", q.type());
        out.put("stage", q.stage());
        out.put("options", q.choices().stream().map(o -> Map.of("key", o.key(), "label", o.label())).toList());
        out.put("valid_keys", q.validKeys());
        out.put("asked_at", text(q.askedAt()));
        return out;
    }

    /** What started the run, with only the fields its kind has (as in the HTTP status). */
    private static Map<String, Object> trigger(Trigger t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", t.kind());
        if (t.deliveryId() != null) {
            out.put("delivery_id", t.deliveryId());
        }
        if (t.issueUrl() != null) {
            out.put("issue_url", t.issueUrl());
        }
        if (t.schedule() != null) {
            out.put("schedule", t.schedule());
        }
        if (t.dueAt() != null) {
            out.put("due_at", text(t.dueAt()));
        }
        return out;
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    private static String states() {
        return Arrays.stream(RunState.values()).map(RunState::wireName).toList().toString();
    }

    private static Map<String, Object> prop(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> props(Object... nameThenSchema) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            out.put((String) nameThenSchema[i], nameThenSchema[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> schema(Map<String, Object> properties, String... required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        s.put("required", List.of(required));
        s.put("additionalProperties", false);
        return s;
    }
}
