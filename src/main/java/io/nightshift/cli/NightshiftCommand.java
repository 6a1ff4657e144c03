package io.nightshift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: lists the subcommands. */
@Command(name = "nightshift", mixinStandardHelpOptions = true, version = NightshiftCommand.VERSION,
        description = "Runs coding agents unattended through Attractor pipelines.",
        subcommands = {RunCommand.class, ValidateCommand.class, ServeCommand.class, ModelsCommand.class,
                AskCommand.class, TwinCommand.class, ForgeTwinCommand.class, SandboxCommand.class,
                ScenariosCommand.class, JudgeCommand.class, McpCommand.class, WorkerCommand.class,
                CommandLine.HelpCommand.class})
public class NightshiftCommand implements Runnable {

    static final String VERSION = "nightshift 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Every subcommand: for the top-level usage, {@code help}, and anything that names no subcommand. */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new NightshiftCommand(), factory);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, only that subcommand is built
     * under the top-level command (picocli reads every option of every command it builds through reflection, which
     * was a fifth of a short command's start-up; issue 21); otherwise all of them.
     */
    static CommandLine commandLine(CommandLine.IFactory factory, String[] args) {
        Class<?> only = args.length == 0 ? null : subcommandNamed(args[0]);
        if (only == null) {
            return commandLine(factory);
        }
        CommandLine root = new CommandLine(new Single(), factory);
        root.addSubcommand(only);
        return root;
    }

    /** The subcommand class whose name or alias is {@code name}; null for {@code help} and unknown names. */
    static Class<?> subcommandNamed(String name) {
        for (Class<?> sub : NightshiftCommand.class.getAnnotation(Command.class).subcommands()) {
            Command command = sub.getAnnotation(Command.class);
            if (command == null || sub == CommandLine.HelpCommand.class) {
                continue;
            }
            if (command.name().equals(name) || java.util.Arrays.asList(command.aliases()).contains(name)) {
                return sub;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The top-level command with the one subcommand {@link #commandLine(CommandLine.IFactory, String[])} adds. */
    @Command(name = "nightshift", mixinStandardHelpOptions = true, version = VERSION)
    static final class Single implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }
}
