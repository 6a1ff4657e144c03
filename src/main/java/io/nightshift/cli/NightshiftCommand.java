package io.nightshift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: lists the subcommands. */
@Command(name = "nightshift", mixinStandardHelpOptions = true, version = "nightshift 0.1.0",
        description = "Runs coding agents unattended through Attractor pipelines.",
        subcommands = {RunCommand.class, ValidateCommand.class, ServeCommand.class, ModelsCommand.class,
                AskCommand.class, TwinCommand.class, ForgeTwinCommand.class, SandboxCommand.class, ScenariosCommand.class, JudgeCommand.class,
                CommandLine.HelpCommand.class})
public class NightshiftCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new NightshiftCommand(), factory);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
