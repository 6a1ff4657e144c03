package io.nightshift.twin.cassette;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cassette twin as a Python program (standard library only): what the judge runs in a twin's container, where
 * there is no JVM. It follows {@link CassettePlayer}'s rules; {@code CassetteTwinParityTest} holds them together.
 */
public final class CassetteTwinProgram {

    public static final String RESOURCE = "io/nightshift/twin/cassette/cassette_twin.py";
    /** Where the program serves the cassette, on every interface of its container. */
    public static final int PORT = 8080;
    /** Where it serves the control paths, on its container's loopback only. */
    public static final int CONTROL_PORT = 8081;

    private CassetteTwinProgram() {
    }

    public static String source() {
        try (InputStream in = CassetteTwinProgram.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CassetteException("the cassette twin program " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CassetteException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
