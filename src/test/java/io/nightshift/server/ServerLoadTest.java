package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** 20 simulated pipelines at once, 50 SSE clients: every client receives every event of its run, in order. */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
class ServerLoadTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void twentyPipelinesAndFiftyClientsLoseNoEventAndKeepOrder() throws Exception {
        String base = root.toString().replaceAll("/$", "");
        ServerLoad.Result result = ServerLoad.run(base, 20, 50, 25);
        System.out.println("server load: " + result);
        assertThat(result.problems()).isEmpty();
        assertThat(result.eventsPerRun()).isGreaterThan(100);
        assertThat(result.deliveries()).isGreaterThanOrEqualTo(50L * 100);
    }
}
