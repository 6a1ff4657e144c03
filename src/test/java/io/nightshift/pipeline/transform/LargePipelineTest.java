package io.nightshift.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.bench.LinearPipelines;
import io.nightshift.pipeline.dot.DotSource;
import org.junit.jupiter.api.Test;

/** The 10,000-node pipeline of the performance budget is read correctly (its time: ParseValidateBenchmark). */
class LargePipelineTest {

    @Test
    void preparesATenThousandNodeLinearPipeline() {
        DotSource source = DotSource.of(LinearPipelines.dot(10_000), "big.dot");
        PipelinePreparer preparer = new PipelinePreparer();
        PreparedPipeline p = preparer.prepare(source);

        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.graph().nodes()).hasSize(10_002);
        assertThat(p.graph().edges()).hasSize(10_001);
        assertThat(p.graph().node("stage_9999").orElseThrow().prompt()).isEqualTo("Do step 9999 of Benchmark the front end");
    }
}
