package io.nightshift.twin;

import io.nightshift.twin.script.Rule;
import java.util.List;

/**
 * A scripted conversation (format in docs/twin.md). For each request the twin first tries the next unconsumed
 * step; if it matches, the step is consumed and answers. Otherwise the first matching rule answers. A request
 * nothing matches gets a 500 in the provider's error shape naming the request.
 *
 * @param models when non-empty, requests for any other model get the provider's 404
 * @param steps  ordered, each used at most once
 * @param rules  reusable, first match wins
 */
public record TwinScript(List<String> models, List<Rule> steps, List<Rule> rules) {

    public TwinScript {
        models = models == null ? List.of() : List.copyOf(models);
        steps = steps == null ? List.of() : List.copyOf(steps);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A script that answers nothing (every request is a loud 500). */
    public static TwinScript empty() {
        return new TwinScript(List.of(), List.of(), List.of());
    }

    public static TwinScript ofSteps(List<Rule> steps) {
        return new TwinScript(List.of(), steps, List.of());
    }
}
