package io.nightshift.runtime.service;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.runtime.PipelineLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A run's pipeline as DOT with each stage's state (node {@code id} {@code node_<stage>}, class {@code state_<state>}),
 * which the web page draws in the browser; and as SVG drawn with a host Graphviz {@code dot} for API clients
 * (attractor-spec 9.5 {@code GET .../graph}), each stage filled by its state: green succeeded, red failed, blue
 * running, orange waiting for a human, white not reached.
 */
public final class GraphRenderer {

    private final PipelineLoader loader;
    private final String dotCommand;

    /** @param dotCommand the Graphviz executable, {@code dot} to look it up on the PATH */
    public GraphRenderer(PipelineLoader loader, String dotCommand) {
        this.loader = loader;
        this.dotCommand = dotCommand;
    }

    /** @throws RendererUnavailableException when {@code dot} is not installed or fails */
    public String svg(ManagedRun run) {
        return render(dot(run));
    }

    /** The run's graph with its stages' states, for a renderer elsewhere (the web page's WebAssembly Graphviz). */
    public String dot(ManagedRun run) {
        Graph graph = loader.load(run.dir().resolve(RunRegistry.PIPELINE)).graph();
        return coloured(graph, run.snapshot().nodeStates());
    }

    static String coloured(Graph graph, Map<String, String> states) {
        StringBuilder out = new StringBuilder("digraph G {\n  rankdir=LR;\n  node [style=filled, fontname=Helvetica];\n");
        for (Node n : graph.nodes().values()) {
            String fill = switch (states.getOrDefault(n.id(), "")) {
                case "succeeded" -> "#b7e4c7";
                case "failed" -> "#f4a6a6";
                case "running" -> "#a9d6f5";
                case "waiting" -> "#ffd08a";
                default -> "#ffffff";
            };
            out.append("  ").append(quote(n.id())).append(" [label=").append(quote(n.label()))
                    .append(", shape=").append(quote(n.shape())).append(", fillcolor=").append(quote(fill))
                    .append(", id=").append(quote("node_" + n.id()))
                    .append(", class=").append(quote("state_" + states.getOrDefault(n.id(), "pending")))
                    .append("];\n");
        }
        for (Edge e : graph.edges()) {
            out.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to()));
            if (!e.label().isEmpty()) {
                out.append(" [label=").append(quote(e.label())).append("]");
            }
            out.append(";\n");
        }
        return out.append("}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private String render(String dot) {
        Process p;
        try {
            p = new ProcessBuilder(dotCommand, "-Tsvg").redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new RendererUnavailableException("Graphviz '" + dotCommand + "' is not installed on the server; "
                    + "install it (e.g. apt-get install graphviz) to get pipeline graphs");
        }
        try {
            CompletableFuture<byte[]> stdout = drain(p.getInputStream());
            CompletableFuture<byte[]> stderr = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RendererUnavailableException("Graphviz took longer than 20 s to draw the graph");
            }
            if (p.exitValue() != 0) {
                throw new RendererUnavailableException("Graphviz failed: "
                        + new String(stderr.join(), StandardCharsets.UTF_8).strip());
            }
            return new String(stdout.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RendererUnavailableException("Graphviz failed: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RendererUnavailableException("interrupted while drawing the graph");
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in; ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
