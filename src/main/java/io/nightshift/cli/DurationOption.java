package io.nightshift.cli;

import io.nightshift.runtime.RunDurations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads a duration option the way DOT attributes are read (one parser): {@code 90s}, {@code 15m}, {@code 2h}. */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return RunDurations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                + "' is not a duration; write a whole number with ms, s, m, h or d, e.g. 90s, 15m or 2h"));
    }
}
