package io.nightshift.twin.forge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bare repositories a forge twin serves: {@code <root>/<path>.git}, where {@code path} is {@code OWNER/NAME}
 * (GitHub) or a GitLab project path. GitLab's numeric project ids are handed out on first use, in order.
 */
final class ForgeRepositories {

    private final Path root;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    ForgeRepositories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The bare repository directory of {@code path}, when it is one inside the root. */
    Optional<Path> directory(String path) {
        if (path == null || path.isBlank() || path.contains("..") || path.startsWith("/")) {
            return Optional.empty();
        }
        Path dir = root.resolve(path.endsWith(".git") ? path : path + ".git").normalize();
        return dir.startsWith(root) && Files.isDirectory(dir.resolve("objects")) ? Optional.of(dir) : Optional.empty();
    }

    synchronized int projectId(String path) {
        return ids.computeIfAbsent(path, p -> ids.size() + 1);
    }

    /** A GitLab {@code :id}: a numeric id handed out earlier, or the (decoded) project path. */
    synchronized Optional<String> project(String idOrPath) {
        if (idOrPath.chars().allMatch(Character::isDigit)) {
            int id = Integer.parseInt(idOrPath);
            return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst();
        }
        return directory(idOrPath).map(d -> idOrPath);
    }

    /** Whether the branch exists: a loose ref or one in packed-refs (the twin reads git's files, as git does). */
    boolean hasBranch(String path, String branch) {
        Optional<Path> dir = directory(path);
        if (dir.isEmpty() || branch.contains("..")) {
            return false;
        }
        String ref = "refs/heads/" + branch;
        if (Files.isRegularFile(dir.get().resolve(ref))) {
            return true;
        }
        try {
            Path packed = dir.get().resolve("packed-refs");
            return Files.isRegularFile(packed) && Files.readAllLines(packed).stream()
                    .anyMatch(line -> line.endsWith(" " + ref));
        } catch (IOException e) {
            return false;
        }
    }

    /** The branch HEAD names, as the forges' {@code default_branch}. */
    Optional<String> defaultBranch(String path) {
        try {
            Optional<Path> dir = directory(path);
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            String head = Files.readString(dir.get().resolve("HEAD")).strip();
            return head.startsWith("ref: refs/heads/") ? Optional.of(head.substring("ref: refs/heads/".length()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
