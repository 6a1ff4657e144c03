package io.nightshift.llm.parity;

import io.nightshift.llm.Client;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Providers;
import io.nightshift.twin.Provider;
import io.nightshift.twin.TwinServer;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a parity test runs: the twin (scripted, requests recorded) or the real provider API (only when its
 * key is in the environment; skipped visibly otherwise).
 */
record Target(String provider, boolean real) {

    @Override
    public String toString() {
        return (real ? "real " : "twin ") + provider;
    }

    String model() {
        return switch (provider) {
            case Providers.ANTHROPIC -> real ? ModelCatalog.builtIn().latest(provider, "tools").orElseThrow().id() : "claude-opus-4-6";
            case Providers.OPENAI -> real ? ModelCatalog.builtIn().latest(provider, "tools").orElseThrow().id() : "gpt-5.2";
            default -> real ? ModelCatalog.builtIn().latest(provider, "tools").orElseThrow().id() : "gemini-3-flash-preview";
        };
    }

    Provider twinProvider() {
        return switch (provider) {
            case Providers.ANTHROPIC -> Provider.ANTHROPIC;
            case Providers.OPENAI -> Provider.OPENAI;
            default -> Provider.GEMINI;
        };
    }

    String keyVariable() {
        return switch (provider) {
            case Providers.ANTHROPIC -> "ANTHROPIC_API_KEY";
            case Providers.OPENAI -> "OPENAI_API_KEY";
            default -> "GEMINI_API_KEY";
        };
    }

    /** Skips a real-provider run unless its key is set. */
    void assumeAvailable() {
        if (real) {
            String key = System.getenv(keyVariable());
            Assumptions.assumeTrue(key != null && !key.isBlank(), keyVariable() + " not set: real-provider run skipped");
        }
    }

    /** Skips cells that need a scripted answer (errors on demand, exact usage) on a real provider. */
    void assumeScripted() {
        Assumptions.assumeFalse(real, "needs a scripted twin answer: skipped on the real " + provider + " API");
    }

    /** A client for this target: pointed at the twin, or built from the real environment. */
    Client client(TwinServer twin, String key) {
        if (real) {
            return Client.fromEnv(Map.of(keyVariable(), System.getenv(keyVariable())));
        }
        String base = provider.equals(Providers.OPENAI) ? twin.baseUrl() + "/v1" : twin.baseUrl();
        ProviderConfig config = ProviderConfig.of(key, base);
        return Client.builder().provider(switch (provider) {
            case Providers.ANTHROPIC -> Providers.anthropic(config);
            case Providers.OPENAI -> Providers.openai(config);
            default -> Providers.gemini(config);
        }).build();
    }
}
