package io.nightshift.pipeline.handler;

import io.nightshift.sandbox.DirEntry;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.GrepOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Records commands and answers them with a scripted function; only execCommand is supported. */
final class FakeExecutionEnvironment implements ExecutionEnvironment {

    record Exec(String command, long timeoutMs, Map<String, String> env) {
    }

    private final Function<Exec, ExecResult> script;
    private final List<Exec> execs = new ArrayList<>();

    FakeExecutionEnvironment(Function<Exec, ExecResult> script) {
        this.script = script;
    }

    synchronized List<Exec> execs() {
        return List.copyOf(execs);
    }

    @Override
    public synchronized ExecResult execCommand(String command, long timeoutMs, String workingDir,
            Map<String, String> env) {
        Exec e = new Exec(command, timeoutMs, Map.copyOf(env));
        execs.add(e);
        return script.apply(e);
    }

    @Override
    public String readFile(String path, Integer offset, Integer limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void writeFile(String path, String content) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean fileExists(String path) {
        return false;
    }

    @Override
    public List<DirEntry> listDirectory(String path, int depth) {
        return List.of();
    }

    @Override
    public String grep(String pattern, String path, GrepOptions options) {
        return "";
    }

    @Override
    public List<String> glob(String pattern, String path) {
        return List.of();
    }

    @Override
    public void initialize() {
    }

    @Override
    public void cleanup() {
    }

    @Override
    public String workingDirectory() {
        return "/fake";
    }

    @Override
    public String platform() {
        return "linux";
    }

    @Override
    public String osVersion() {
        return "fake";
    }
}
