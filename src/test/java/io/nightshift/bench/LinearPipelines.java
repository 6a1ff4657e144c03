package io.nightshift.bench;

/** Generates large linear pipelines as DOT text, for benchmarks and scale tests. */
public final class LinearPipelines {

    private LinearPipelines() {
    }

    /** start, {@code stages} codergen stages with prompts, exit; one chain of edges through all of them. */
    public static String dot(int stages) {
        StringBuilder sb = new StringBuilder(stages * 80);
        sb.append("digraph Linear {\n  graph [goal=\"Benchmark the front end\"]\n  node [shape=box, timeout=\"900s\"]\n");
        sb.append("  start [shape=Mdiamond]\n  exit [shape=Msquare]\n");
        for (int i = 0; i < stages; i++) {
            sb.append("  stage_").append(i).append(" [label=\"Stage ").append(i)
                    .append("\", prompt=\"Do step ").append(i).append(" of $goal\", max_retries=1]\n");
        }
        sb.append("  start -> stage_0\n");
        for (int i = 0; i + 1 < stages; i++) {
            sb.append("  stage_").append(i).append(" -> stage_").append(i + 1).append('\n');
        }
        sb.append("  stage_").append(stages - 1).append(" -> exit [label=\"done\"]\n}\n");
        return sb.toString();
    }
}
