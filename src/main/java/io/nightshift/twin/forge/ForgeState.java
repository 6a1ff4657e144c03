package io.nightshift.twin.forge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The pull and merge requests a forge twin holds, numbered per forge and project. Thread-safe. */
final class ForgeState {

    private final List<ForgePullRequest> requests = new ArrayList<>();

    synchronized List<ForgePullRequest> all() {
        return List.copyOf(requests);
    }

    synchronized List<ForgePullRequest> find(Predicate<ForgePullRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Adds a request under the next number of its project, unless {@code conflict} matches one already held. */
    synchronized Optional<ForgePullRequest> add(String forge, String project, String head, String base, String title,
            String body, boolean draft, String state, Predicate<ForgePullRequest> conflict) {
        if (requests.stream().anyMatch(conflict)) {
            return Optional.empty();
        }
        int number = 1 + (int) requests.stream().filter(r -> r.forge().equals(forge) && r.project().equals(project))
                .count();
        ForgePullRequest created = new ForgePullRequest(forge, project, number, head, base, title, body, draft, state);
        requests.add(created);
        return Optional.of(created);
    }

    synchronized Optional<ForgePullRequest> update(String forge, String project, int number,
            UnaryOperator<ForgePullRequest> change) {
        for (int i = 0; i < requests.size(); i++) {
            ForgePullRequest r = requests.get(i);
            if (r.forge().equals(forge) && r.project().equals(project) && r.number() == number) {
                ForgePullRequest changed = change.apply(r);
                requests.set(i, changed);
                return Optional.of(changed);
            }
        }
        return Optional.empty();
    }
}
