package dev.mache.graph.watch;

import dev.mache.graph.index.GitIgnore;
import dev.mache.graph.index.IgnoreRules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which changed paths matter to the index: the indexer's own rules ({@code .git/} is never walked, {@code .gitignore}
 * files apply to their directory and below, an ignored directory hides everything in it) plus the excluded files.
 * The parsed {@code .gitignore} files are cached until one of them changes.
 */
final class IgnoreFilter {
    private final Path root;
    private final Set<Path> excluded;
    private final Map<String, Optional<GitIgnore>> gitignores = new HashMap<>();

    IgnoreFilter(Path root, Set<Path> excluded) {
        this.root = root;
        this.excluded = excluded;
    }

    /** Whether a change of {@code repoPath} (a directory if {@code isDir}) cannot affect the index. */
    boolean ignored(String repoPath, boolean isDir) {
        if (repoPath.isEmpty()) {
            return false;
        }
        if (excludedFile(root.resolve(repoPath))) {
            return true;
        }
        String[] parts = repoPath.split("/");
        IgnoreRules rules = IgnoreRules.EMPTY;
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals(".git") && (i < parts.length - 1 || isDir)) {
                return true;
            }
            Optional<GitIgnore> gi = gitignore(dir.toString());
            if (gi.isPresent()) {
                rules = rules.with(gi.get());
            }
            if (dir.length() > 0) {
                dir.append('/');
            }
            dir.append(parts[i]);
            boolean last = i == parts.length - 1;
            if (rules.ignored(dir.toString(), !last || isDir)) {
                return true;
            }
        }
        return false;
    }

    /** A {@code .gitignore} changed: rules are read again when next needed. */
    void forget() {
        gitignores.clear();
    }

    private boolean excludedFile(Path p) {
        for (Path x : excluded) {
            if (p.getParent() != null && p.getParent().equals(x.getParent())
                    && p.getFileName().toString().startsWith(x.getFileName().toString())) {
                return true;
            }
        }
        return false;
    }

    private Optional<GitIgnore> gitignore(String repoDir) {
        return gitignores.computeIfAbsent(repoDir, d -> {
            Path file = (d.isEmpty() ? root : root.resolve(d)).resolve(".gitignore");
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try {
                return Optional.of(GitIgnore.parse(d, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
