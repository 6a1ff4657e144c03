package io.nightshift.harness;

import java.util.List;
import java.util.Optional;

/**
 * Where held-out suites live. The real one is a network-less container reached only through the Docker API; no
 * sandbox ever sees it.
 */
public interface ScenarioStore {

    /** Stores a validated suite under {@code name}; importing identical content again is a no-op returning that version. */
    SuiteVersion importSuite(String name, SuiteFiles files);

    /** The current version of every suite. */
    List<SuiteVersion> list();

    /** Every version of {@code name}, oldest first. */
    List<SuiteVersion> history(String name);

    /** The current files of {@code name}: for the harness's memory, and for the operator's {@code scenarios show}. */
    Optional<SuiteFiles> files(String name);

    /** @return false when there was no such suite */
    boolean remove(String name);

    /** Keeps the full record of a judgment (JSON) beside the suite, for satisfaction over time. */
    void recordJudgment(String suite, String judgmentJson);

    /** Every judgment recorded for {@code suite}, oldest first, as JSON text (with its leak-ledger entry). */
    List<String> judgments(String suite);
}
