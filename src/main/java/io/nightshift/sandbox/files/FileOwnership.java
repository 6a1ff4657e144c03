package io.nightshift.sandbox.files;

/**
 * The numeric owner that files and directories written into a workspace get, when it differs from the process
 * writing them (a root host writing for a sandbox user, see the Docker sandbox's ownership rule).
 */
public record FileOwnership(int uid, int gid) {

    public FileOwnership {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
        }
    }
}
