package io.nightshift.harness.suite;

/** One thing wrong with a suite, where it is ({@code line} 0 when it concerns the whole file) and what to do. */
public record SuiteProblem(String file, int line, String message) implements Comparable<SuiteProblem> {

    /** {@code file:line: message}, or {@code file: message} without a line. */
    public String toLine() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }

    @Override
    public int compareTo(SuiteProblem o) {
        int byFile = file.compareTo(o.file);
        return byFile != 0 ? byFile : Integer.compare(line, o.line);
    }
}
