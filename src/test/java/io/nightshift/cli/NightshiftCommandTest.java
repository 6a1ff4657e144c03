package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line built for a subcommand holds only that one, and reads as the full one does (issue 21). */
class NightshiftCommandTest {

    private static String usage(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = NightshiftCommand.commandLine(CommandLine.defaultFactory(), args);
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void aSubcommandsHelpNamesTheWholeCommand() {
        assertThat(usage("run", "--help")).startsWith("Usage: nightshift run").contains("--simulate");
        assertThat(usage("validate", "--help")).startsWith("Usage: nightshift validate");
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltAndEverythingElseGetsAllOfThem() {
        assertThat(NightshiftCommand.commandLine(CommandLine.defaultFactory(), new String[] {"run", "x.dot"})
                .getSubcommands()).containsOnlyKeys("run");
        assertThat(NightshiftCommand.commandLine(CommandLine.defaultFactory(), new String[] {"--help"})
                .getSubcommands()).containsKeys("run", "validate", "serve", "help");
        assertThat(NightshiftCommand.commandLine(CommandLine.defaultFactory(), new String[] {"help", "run"})
                .getSubcommands()).containsKeys("run", "validate", "help");
        assertThat(usage("--help")).contains("validate", "serve", "models");
    }
}
