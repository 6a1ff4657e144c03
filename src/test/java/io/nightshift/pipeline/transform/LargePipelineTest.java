package io.nightshift.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.bench.LinearPipelines;
import io.nightshift.pipeline.dot.DotSource;
import org.junit.jupiter.api.Test;

/** The 10,000-node pipeline of the performance budget is read correctly and without a super-linear blow-up. */
class LargePipelineTest {

    @Test
    void preparesATenThousandNodeLinearPipelineQuickly() {
        DotSource source = DotSource.of(LinearPipelines.dot(10_000), "big.dot");
        PipelinePreparer preparer = new PipelinePreparer();
        for (int i = 0; i < 5; i++) {
            preparer.prepare(source);
        }

        long started = System.nanoTime();
        PreparedPipeline p = preparer.prepare(source);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.graph().nodes()).hasSize(10_002);
        assertThat(p.graph().edges()).hasSize(10_001);
        assertThat(p.graph().node("stage_9999").orElseThrow().prompt()).isEqualTo("Do step 9999 of Benchmark the front end");
        // The budget is 300 ms (see ParseValidateBenchmark); this bound only catches quadratic regressions on a
        // busy shared machine.
        assertThat(millis).isLessThan(2_000);
    }
}
