package io.nightshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentFilterTest {

    private static final Map<String, String> HOST = Map.of("PATH", "/bin", "HOME", "/root", "GOPATH", "/go",
            "EDITOR", "vi", "ANTHROPIC_API_KEY", "k", "npm_token", "t", "Db_Password", "p", "APP_SECRET", "s",
            "GCP_CREDENTIAL", "c", "TOKENIZER", "keeps-its-name");

    @Test
    void inheritAllDropsSecretLookingNamesInAnyCase() {
        assertThat(new EnvironmentFilter(EnvPolicy.INHERIT_ALL).apply(HOST)).containsOnlyKeys("PATH", "HOME", "GOPATH",
                "EDITOR", "TOKENIZER");
    }

    @Test
    void coreOnlyKeepsShellBasicsAndToolPaths() {
        assertThat(new EnvironmentFilter(EnvPolicy.CORE_ONLY).apply(HOST)).containsOnlyKeys("PATH", "HOME", "GOPATH");
    }

    @Test
    void inheritNoneKeepsNothing() {
        assertThat(new EnvironmentFilter(EnvPolicy.INHERIT_NONE).apply(HOST)).isEmpty();
    }

    @Test
    void coreNamesThatLookSecretAreStillDropped() {
        assertThat(new EnvironmentFilter(EnvPolicy.CORE_ONLY).apply(Map.of("PATH", "/bin", "HOME_TOKEN", "x")))
                .containsOnlyKeys("PATH");
        assertThat(EnvironmentFilter.isSecret("my_api_key")).isTrue();
        assertThat(EnvironmentFilter.isSecret("API_KEYS_URL")).isFalse();
    }
}
