package dev.mache.vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paths of the served tree: no leading slash, {@code ""} is the root, segments separated by {@code /}. A path with an
 * empty, {@code .} or {@code ..} segment is not a path of the tree at all, so nothing can climb out of it.
 */
final class TreePaths {
    private TreePaths() {
    }

    /** The segments of a path, or empty when any segment is empty, {@code .} or {@code ..}. */
    static Optional<List<String>> segments(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.isEmpty()) {
            return Optional.of(List.of());
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String seg = slash < 0 ? path.substring(start) : path.substring(start, slash);
            if (!isSegment(seg)) {
                return Optional.empty();
            }
            out.add(seg);
            if (slash < 0) {
                return Optional.of(out);
            }
            start = slash + 1;
        }
    }

    /** True for a name that can be one child of a directory. */
    static boolean isSegment(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\0') < 0;
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    static String join(List<String> segments, int from, int to) {
        return String.join("/", segments.subList(from, to));
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The relative path from directory {@code fromDir} to {@code to}: up to their common ancestor, then down.
     * Both are tree paths (no leading slash).
     */
    static String relative(String fromDir, String to) {
        String[] from = fromDir.isEmpty() ? new String[0] : fromDir.split("/", -1);
        String[] target = to.split("/", -1);
        int common = 0;
        // the last target segment is the file itself, never a directory to share
        while (common < from.length && common < target.length - 1 && from[common].equals(target[common])) {
            common++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            out.append("../");
        }
        for (int i = common; i < target.length; i++) {
            out.append(target[i]);
            if (i < target.length - 1) {
                out.append('/');
            }
        }
        return out.toString();
    }
}
