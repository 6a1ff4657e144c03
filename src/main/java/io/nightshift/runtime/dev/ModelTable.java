package io.nightshift.runtime.dev;

import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import java.util.ArrayList;
import java.util.List;

/** The built-in model catalog as rows ({@code nightshift models}). */
public final class ModelTable {

    /** One model: its provider, id, context window and capabilities ({@code tools}, {@code vision}, {@code reasoning}). */
    public record Row(String provider, String id, long contextWindow, List<String> capabilities) {
    }

    private ModelTable() {
    }

    /** The catalog's models, only {@code provider}'s when it is not null. */
    public static List<Row> rows(String provider) {
        List<Row> rows = new ArrayList<>();
        for (ModelInfo m : ModelCatalog.builtIn().listModels(provider)) {
            List<String> caps = new ArrayList<>();
            if (m.supportsTools()) {
                caps.add("tools");
            }
            if (m.supportsVision()) {
                caps.add("vision");
            }
            if (m.supportsReasoning()) {
                caps.add("reasoning");
            }
            rows.add(new Row(m.provider(), m.id(), m.contextWindow(), List.copyOf(caps)));
        }
        return rows;
    }
}
