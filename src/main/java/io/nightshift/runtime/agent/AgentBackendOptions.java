package io.nightshift.runtime.agent;

import io.nightshift.agent.profile.ProfileResources;
import io.nightshift.agent.session.SessionConfig;

/**
 * Settings of {@link AgentCodergenBackend}.
 *
 * @param defaultProvider used when a node has no {@code llm_provider} (null: the client's default provider)
 * @param defaultModel    used when a node has no {@code llm_model} (null: the catalog's newest tool-capable model)
 * @param sessionConfig   the base session settings; node attributes override effort and hooks
 * @param profiles        where profile prompts and tool schemas are read from
 */
public record AgentBackendOptions(String defaultProvider, String defaultModel, SessionConfig sessionConfig,
                                  ProfileResources profiles) {

    public AgentBackendOptions {
        sessionConfig = sessionConfig == null ? SessionConfig.defaults() : sessionConfig;
        profiles = profiles == null ? ProfileResources.classpath() : profiles;
    }

    public static AgentBackendOptions defaults() {
        return new AgentBackendOptions(null, null, null, null);
    }
}
