package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxPolicyParserTest {

    @Test
    void noSettingsGiveTheHardenedDefaults() {
        SandboxPolicy p = SandboxPolicyParser.parse(Map.of("llm.model", "x"));

        assertThat(p).isEqualTo(SandboxPolicy.DEFAULTS);
        assertThat(p.network()).isEqualTo(NetworkMode.NONE);
        assertThat(p.readOnlyRoot()).isTrue();
        assertThat(p.user()).isNull();
    }

    @Test
    void settingsOverrideTheDefaults() {
        SandboxPolicy p = SandboxPolicyParser.parse(Map.of("sandbox.network", "bridge", "sandbox.memory", "512m",
                "sandbox.cpus", "1.5", "sandbox.pids", "256", "sandbox.image", "me/img:1", "sandbox.user", "1234:99",
                "sandbox.tmp-size", "1GiB", "sandbox.read-only", "false", "sandbox.env.FOO", "bar", "sandbox.nofile",
                "1024"));

        assertThat(p).isEqualTo(new SandboxPolicy("me/img:1", NetworkMode.BRIDGE, 512L << 20, 1.5, 256, 1024, 1L << 30,
                SandboxPolicy.DEFAULTS.homeBytes(), "1234:99", false, Map.of("FOO", "bar")));
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatIsExpected() {
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.memory", "lots")))
                .isInstanceOf(InvalidSandboxPolicyException.class).hasMessageStartingWith("sandbox.memory=lots: ")
                .hasMessageContaining("512m");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.memory", "1m")))
                .hasMessageContaining("at least 6m");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.network", "host")))
                .hasMessageContaining("sandbox.network=host").hasMessageContaining("none or bridge");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.cpus", "0")))
                .hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.pids", "many")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.user", "root")))
                .hasMessageContaining("UID:GID");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.env.1BAD", "x")))
                .hasMessageContaining("not a variable name");
    }

    @Test
    void gVisorIsAnOptInRuntimeForNetworkLessSandboxesWithRoomForItsThreads() {
        assertThat(SandboxPolicy.DEFAULTS.runtime()).isEqualTo(SandboxRuntime.RUNC);
        assertThat(SandboxPolicyParser.parse(Map.of("sandbox.runtime", "runsc")).runtime())
                .isEqualTo(SandboxRuntime.RUNSC);
        assertThat(SandboxPolicyParser.parse(Map.of("sandbox.runtime", "runc"))).isEqualTo(SandboxPolicy.DEFAULTS);
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.runtime", "kata")))
                .hasMessageStartingWith("sandbox.runtime=kata: ").hasMessageContaining("runc or runsc");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.runtime", "runsc",
                "sandbox.network", "bridge")))
                .hasMessageStartingWith("sandbox.runtime=runsc: ").hasMessageContaining("without a network");
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.runtime", "runsc", "sandbox.pids", "128")))
                .hasMessageContaining("sandbox.pids of at least 256");
    }

    @Test
    void commandsGoThroughOneEngineExecEachUnlessTheRunnerIsChosen() {
        assertThat(SandboxPolicy.DEFAULTS.exec()).isEqualTo(ExecMode.ENGINE);
        assertThat(SandboxPolicyParser.parse(Map.of("sandbox.exec", "runner")).exec()).isEqualTo(ExecMode.RUNNER);
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.exec", "ssh")))
                .hasMessageStartingWith("sandbox.exec=ssh: ").hasMessageContaining("engine or runner");
    }

    @Test
    void unknownSandboxKeysAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> SandboxPolicyParser.parse(Map.of("sandbox.memroy", "2g")))
                .isInstanceOf(InvalidSandboxPolicyException.class).hasMessageContaining("unknown setting")
                .hasMessageContaining("sandbox.memory");
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(SandboxPolicyParser.size("k", "2g")).isEqualTo(2L << 30);
        assertThat(SandboxPolicyParser.size("k", "64K")).isEqualTo(64L << 10);
        assertThat(SandboxPolicyParser.size("k", "100")).isEqualTo(100L);
        assertThat(SandboxPolicyParser.size("k", "3MiB")).isEqualTo(3L << 20);
    }
}
