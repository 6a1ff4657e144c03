package io.nightshift.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixture: scenarios and suites built directly from the records, as the loader would produce them. */
public final class Scenarios {

    /** A tiny HTTP service: answers JSON describing the request, 404 on {@code /missing}; argument: the port. */
    public static final String ECHO_SERVER = """
            import http.server, json, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self): self.reply()
                def do_POST(self): self.reply()
                def reply(self):
                    n = int(self.headers.get('Content-Length') or 0)
                    body = self.rfile.read(n).decode()
                    if self.path == '/missing':
                        self.send_response(404); self.end_headers(); self.wfile.write(b'nothing at this path'); return
                    out = json.dumps({"method": self.command, "path": self.path, "body": body,
                                      "token": self.headers.get('X-Token')}).encode()
                    self.send_response(200); self.send_header('Content-Type', 'application/json'); self.end_headers()
                    self.wfile.write(out)
                def log_message(self, *a): pass
            print('listening soon', flush=True)
            http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
            """;

    private Scenarios() {
    }

    public static Step step(String text, StepAction action) {
        return new Step(action instanceof StepAction.RunCommand || action instanceof StepAction.StartService
                || action instanceof StepAction.SendHttp ? "When " : "Then ", text, "app.feature", 3, action);
    }

    public static Scenario scenario(String title, Step... steps) {
        return new Scenario("app.feature:" + title.hashCode(), "The app", title,
                "As a user of the app I want it to work so that I get my job done", "app.feature", 2, List.of(steps));
    }

    public static Suite suite(String name, int trials, Disclosure disclosure, Scenario... scenarios) {
        return new Suite(new SuiteSettings(name, trials, disclosure, 1.0, null), "v-" + name, List.of(scenarios));
    }

    public static Step run(String command) {
        return step("I run \"" + command + "\"", new StepAction.RunCommand(command, null, Duration.ofSeconds(20), null));
    }

    public static Step run(String command, String stdin, Duration timeout, String dir) {
        return step("I run \"" + command + "\" with input", new StepAction.RunCommand(command, stdin, timeout, dir));
    }

    public static Step exitCode(int code) {
        return step("the exit code is " + code, new StepAction.ExpectExitCode(code));
    }

    public static Step stdout(StepAction.Match match, String text) {
        return step("stdout " + match + " \"" + text + "\"", new StepAction.ExpectText(StepAction.Source.STDOUT, match, text));
    }

    public static Step text(StepAction.Source source, StepAction.Match match, String text) {
        return step(source + " " + match + " \"" + text + "\"", new StepAction.ExpectText(source, match, text));
    }

    public static Step json(StepAction.Source source, String path, String json) {
        return step("the JSON at \"" + path + "\" is " + json, new StepAction.ExpectJson(source, path, json));
    }

    public static Step service(String command, int port) {
        return step("I start \"" + command + "\" on port " + port,
                new StepAction.StartService(command, port, Duration.ofSeconds(20), null));
    }

    public static Step http(String method, String target, Map<String, String> headers, String body) {
        return step("I send " + method + " " + target, new StepAction.SendHttp(method, target, headers, body));
    }

    public static Step status(int status) {
        return step("the response status is " + status, new StepAction.ExpectHttpStatus(status));
    }

    public static Step file(String path, boolean exists, StepAction.Match match, String content) {
        return step("the file \"" + path + "\" " + (exists ? "exists" : "does not exist"),
                new StepAction.ExpectFile(path, exists, match, content));
    }

    public static Step judgeAgrees(String statement) {
        return step("a judge agrees that \"" + statement + "\"", new StepAction.JudgeAgrees(statement));
    }

    /** {@code n} copies of a scenario with distinct titles. */
    public static List<Scenario> numbered(int n, String title, Step... steps) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Scenario("app.feature:" + i, "The app", title + " " + i, "As a user I want it " + i,
                    "app.feature", i, List.of(steps)));
        }
        return out;
    }
}
