package dev.mache.graph.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .gitignore} files in force for one directory of the walk: the root's and every ancestor's, deepest
 * last. Immutable; {@link #with} makes the stack for a subdirectory. A path inside an ignored directory is never
 * asked about, because the walk does not descend into ignored directories (as git, which cannot re-include a file
 * whose parent directory is excluded).
 */
public final class IgnoreRules {
    public static final IgnoreRules EMPTY = new IgnoreRules(List.of());

    private final List<GitIgnore> files;

    private IgnoreRules(List<GitIgnore> files) {
        this.files = files;
    }

    public IgnoreRules with(GitIgnore file) {
        List<GitIgnore> next = new ArrayList<>(files.size() + 1);
        next.addAll(files);
        next.add(file);
        return new IgnoreRules(List.copyOf(next));
    }

    public boolean ignored(String repoPath, boolean isDir) {
        for (int i = files.size() - 1; i >= 0; i--) {
            GitIgnore.Match m = files.get(i).match(repoPath, isDir);
            if (m != GitIgnore.Match.NONE) {
                return m == GitIgnore.Match.IGNORED;
            }
        }
        return false;
    }
}
