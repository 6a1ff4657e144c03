package io.nightshift.workspace;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The file system JGit sees for every repository this package opens: hooks are never found and no command is
 * ever started. An agent can write {@code .git/hooks/*}, {@code filter.<name>.clean|smudge},
 * {@code remote.<name>.receivepack} and the like into a workspace; those are all places where JGit would start a
 * process on the host through its {@link FS}. {@link SafeConfig} already keeps such settings out of what JGit
 * reads; this is the second wall, so that a setting JGit learns to honour later still cannot run anything.
 */
final class NoExecFs extends FS_POSIX {

    NoExecFs() {
        super();
    }

    private NoExecFs(FS src) {
        super(src);
    }

    @Override
    public FS newInstance() {
        return new NoExecFs(this);
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args, OutputStream out,
                                          OutputStream err, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    protected ProcessResult internalRunHookIfPresent(Repository repository, String hookName, String[] args,
                                                     OutputStream out, OutputStream err, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public ProcessBuilder runInShell(String cmd, String[] args) {
        throw refused(cmd);
    }

    @Override
    public int runProcess(ProcessBuilder processBuilder, OutputStream outRedirect, OutputStream errRedirect,
                          String stdinArgs) {
        throw refused(String.join(" ", processBuilder.command()));
    }

    @Override
    public int runProcess(ProcessBuilder processBuilder, OutputStream outRedirect, OutputStream errRedirect,
                          InputStream inRedirect) {
        throw refused(String.join(" ", processBuilder.command()));
    }

    @Override
    public ExecutionResult execute(ProcessBuilder pb, InputStream in) {
        throw refused(String.join(" ", pb.command()));
    }

    private static WorkspaceException refused(String command) {
        String shown = command.length() > 120 ? command.substring(0, 120) + "..." : command;
        return new UnsafeWorkspaceException("Refused to run '" + shown + "': Nightshift never runs commands that a"
                + " workspace's git configuration, attributes or hooks name (an agent can write them).");
    }
}
