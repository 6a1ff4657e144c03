package io.nightshift.workspace;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The file system JGit sees for every repository this package opens: hooks are never found and no command is
 * ever started. An agent can write {@code .git/hooks/*}, {@code filter.<name>.clean|smudge},
 * {@code remote.<name>.receivepack} and the like into a workspace; those are all places where JGit would start a
 * process on the host through its {@link FS}. {@link SafeConfig} already keeps such settings out of what JGit
 * reads; this is the second wall, so that a setting JGit learns to honour later still cannot run anything.
 *
 * <p>It also lists no special file (FIFO, socket, device) in a working tree. JGit takes anything that is not a
 * directory or a link for a regular file and opens it to hash it, to compare it or to read ignore and attribute
 * rules from it; opening a FIFO blocks the host thread until a writer comes, and a device never ends. Every
 * working-tree iterator JGit builds for a repository (stage commits, snapshots, status, reset, checkout, merge)
 * lists directories through here, so such a file is absent for all of them and is never opened. What was left
 * out is remembered, so that a scan can say so ({@link #takeSpecialFiles}).
 */
final class NoExecFs extends FS_POSIX {

    /** Bounds what is remembered between two scans; an agent can make millions of FIFOs. */
    private static final int MAX_REMEMBERED = 1000;

    private final Set<File> specialFiles = new ConcurrentSkipListSet<>();

    NoExecFs() {
        super();
    }

    private NoExecFs(FS src) {
        super(src);
    }

    @Override
    public WorkingTreeIterator.Entry[] list(File directory, FileTreeIterator.FileModeStrategy fileModeStrategy) {
        File[] all = directory.listFiles();
        if (all == null) {
            return new WorkingTreeIterator.Entry[0];
        }
        List<WorkingTreeIterator.Entry> entries = new ArrayList<>(all.length);
        for (File file : all) {
            Attributes attributes = getAttributes(file); // lstat: a link is reported as a link, never followed
            if (attributes.isDirectory() || attributes.isSymbolicLink() || attributes.isRegularFile()) {
                entries.add(new FileTreeIterator.FileEntry(file, this, attributes, fileModeStrategy));
            } else if (specialFiles.size() < MAX_REMEMBERED) {
                // a special file, or gone since the listing (then a later scan finds nothing to report)
                specialFiles.add(file);
            }
        }
        return entries.toArray(WorkingTreeIterator.Entry[]::new);
    }

    /**
     * The special files left out of listings since the last call, that still exist, as absolute paths; clears the
     * memory.
     */
    List<File> takeSpecialFiles() {
        List<File> taken = new ArrayList<>();
        for (File file : specialFiles) {
            specialFiles.remove(file);
            if (Files.exists(file.toPath(), LinkOption.NOFOLLOW_LINKS)) {
                taken.add(file);
            }
        }
        return taken;
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
