package io.nightshift.sandbox.docker;

import java.util.List;
import java.util.Map;

/**
 * How the engine sees a container: enough to check an isolated service's hardening from the outside.
 *
 * @param volumes the names of the named volumes it mounts
 */
public record ServiceInfo(String id, String name, String imageId, boolean running, String networkMode,
        boolean readOnlyRoot, List<String> capDrop, List<String> securityOpts, String user,
        List<String> volumes, Map<String, String> labels) {

    public ServiceInfo {
        capDrop = List.copyOf(capDrop);
        securityOpts = List.copyOf(securityOpts);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
    }
}
