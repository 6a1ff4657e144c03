package io.nightshift.bench;

import io.nightshift.server.ServerLoad;

/**
 * Load figures for {@code nightshift serve}: starts the packaged application on a loopback port (run
 * {@code mvn package} first), runs 20 simulated pipelines with 50 SSE clients, prints delivery throughput and
 * event latency, and stops the server. Arguments: [pipelines] [clients] [stages per pipeline] [rounds].
 */
public final class ServerLoadBenchmark {

    private ServerLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pipelines = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int stages = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        for (int round = 1; round <= rounds; round++) {
            ServerLoad.Result r = ServerLoad.againstPackagedApp(pipelines, clients, stages);
            System.out.println("round " + round + ": " + r);
            if (!r.complete()) {
                System.exit(1);
            }
        }
    }
}
