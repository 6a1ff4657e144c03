package io.nightshift.pipeline.transform;

import java.util.List;

/**
 * The built-in transforms in the order they run: dialect aliases first, then the stylesheet, then {@code $goal}
 * expansion.
 */
final class Transforms {

    private Transforms() {
    }

    public static List<Transform> builtIn() {
        return List.of(new DialectTransform(), new StylesheetTransform(), new VariableExpansionTransform());
    }
}
