package io.nightshift.harness.judge;

import io.nightshift.harness.SuiteTwin;
import io.nightshift.twin.cassette.Cassette;
import io.nightshift.twin.cassette.CassettePlayer.ReceivedRequest;
import io.nightshift.twin.cassette.CassetteReplay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Twins on this machine's loopback, in this process: for the local judge (no isolation anyway). */
final class LocalTwins implements TrialTwins {

    private final Map<String, CassetteReplay> twins = new LinkedHashMap<>();

    LocalTwins(List<SuiteTwin> declared) {
        try {
            for (SuiteTwin t : declared) {
                twins.put(t.name(), CassetteReplay.start(Cassette.parse(t.cassette(), t.from()), "127.0.0.1", 0));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        twins.forEach((name, replay) -> env.put(SuiteTwin.baseUrlVariable(name), replay.baseUrl()));
        return env;
    }

    private CassetteReplay twin(String name) {
        CassetteReplay replay = twins.get(name);
        if (replay == null) {
            throw TrialTwins.unknown(name);
        }
        return replay;
    }

    @Override
    public void reset(String twin) {
        twin(twin).player().reset();
    }

    @Override
    public void failNext(String twin, int status) {
        twin(twin).player().failNext(status);
    }

    @Override
    public List<ReceivedRequest> received(String twin) {
        return twin(twin).received();
    }

    @Override
    public void close() {
        twins.values().forEach(CassetteReplay::close);
    }
}
