package io.nightshift.pipeline.transform;

import java.util.List;

/** The built-in transforms in the order they run: stylesheet first, then {@code $goal} expansion. */
public final class Transforms {

    private Transforms() {
    }

    public static List<Transform> builtIn() {
        return List.of(new StylesheetTransform(), new VariableExpansionTransform());
    }
}
