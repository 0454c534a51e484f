package dev.mache.graph.lang;

import java.util.List;
import java.util.Optional;

/**
 * TEMPORARY stub so the indexer compiles before the "langs" branch lands; that branch's registry replaces this file
 * on merge.
 */
public final class Languages {
    private Languages() {
    }

    public static List<LanguageSpec> all() {
        return List.of();
    }

    public static Optional<LanguageSpec> forPath(String repoPath) {
        int slash = repoPath.lastIndexOf('/');
        int dot = repoPath.lastIndexOf('.');
        if (dot <= slash + 1) {
            return Optional.empty();
        }
        String ext = repoPath.substring(dot + 1);
        return all().stream().filter(l -> l.extensions().contains(ext)).findFirst();
    }
}
