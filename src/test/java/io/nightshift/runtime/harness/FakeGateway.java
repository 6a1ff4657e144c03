package io.nightshift.runtime.harness;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.StepKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test double of the port: one scenario judged twice, satisfied when {@code satisfied} says so for the call.
 * It reports progress as the real gateway must (started, then the scenario) and discloses at the hints level.
 */
public final class FakeGateway implements HarnessGateway {

    public static final String FAILING_FEEDBACK = "Scenario 'Greets the user' failed at expect_output: "
            + "the program printed 'helo'.";
    public static final String PASSING_FEEDBACK = "All 1 scenario satisfied.";

    public final List<HarnessCall> calls = new CopyOnWriteArrayList<>();
    private final Predicate<HarnessCall> satisfied;

    public FakeGateway(Predicate<HarnessCall> satisfied) {
        this.satisfied = satisfied;
    }

    /** Satisfied from the {@code n}-th call on (1-based). */
    public static FakeGateway satisfiedFromCall(int n) {
        List<HarnessCall> seen = new CopyOnWriteArrayList<>();
        return new FakeGateway(call -> {
            seen.add(call);
            return seen.size() >= n;
        });
    }

    @Override
    public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) {
        calls.add(call);
        int trials = call.trials() == null ? 2 : call.trials();
        listener.started(call.suite(), "v1", call.commit(), 1, trials);
        boolean ok = satisfied.test(call);
        DisclosedScenario scenario = new DisclosedScenario("scenario 1", "Greets the user",
                "As a user I want to be greeted", ok ? trials : 0, trials, ok ? null : StepKind.EXPECT_OUTPUT,
                ok ? null : "printed 'helo'", null, null);
        listener.scenarioJudged(1, scenario);
        double threshold = call.threshold() == null ? 1.0 : call.threshold();
        return new DisclosedJudgment(call.suite(), "v1", call.commit(), Disclosure.HINTS, ok ? trials : 0, trials,
                ok ? 1.0 : 0.0, threshold, ok, List.of(scenario), ok ? PASSING_FEEDBACK : FAILING_FEEDBACK, 7);
    }

    /** The content of {@code path} in the commit the call judges, as git has it ("" when absent). */
    public static String fileAt(HarnessCall call, String path) {
        try {
            // safe.directory: in the Docker sandbox the workspace belongs to the sandbox's user while the run lasts
            Process p = new ProcessBuilder("git", "-c", "safe.directory=*", "-C", call.repository().toString(), "show",
                    call.commit() + ":" + path).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
