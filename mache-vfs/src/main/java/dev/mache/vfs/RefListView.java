package dev.mache.vfs;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.Ref;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A directory of symlinks to constructs: the entries of {@code <construct>/callers|callees/} and of
 * {@code defs|callers|callees/<symbol>/}. Each link is named by its target's qualified display name
 * ({@link DisplayNames}); names that collide within the directory get {@code ~2}, {@code ~3} in target-path order.
 * The link text is the relative path from the directory to the target's {@code source} file.
 */
final class RefListView {
    /** One link of a list directory, before attributes are attached. */
    record Link(String dir, String name, String targetConstruct) {
        String path() {
            return TreePaths.join(dir, name);
        }

        String targetPath() {
            return targetConstruct + "/source";
        }

        String linkText() {
            return TreePaths.relative(dir, targetPath());
        }
    }

    private final Tree tree;

    RefListView(Tree tree) {
        this.tree = tree;
    }

    /**
     * Names the constructs of {@code refs} as links of directory {@code dir}, sorted by name. {@code self} (may be
     * null) is left out: a construct never lists itself.
     */
    static List<Link> links(String dir, Collection<Ref> refs, String self) {
        TreeSet<String> targets = new TreeSet<>(Bytewise.ORDER);
        for (Ref ref : refs) {
            if (!ref.nodeId().equals(self)) {
                targets.add(ref.nodeId());
            }
        }
        Set<String> taken = new HashSet<>();
        List<Link> out = new ArrayList<>(targets.size());
        for (String target : targets) {
            String base = DisplayNames.qualified(target);
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = Names.escape(Names.unescape(base) + "~" + n);
            }
            out.add(new Link(dir, name, target));
        }
        out.sort((a, b) -> Bytewise.compare(a.name(), b.name()));
        return out;
    }

    static Optional<Link> find(List<Link> links, String name) {
        int lo = 0;
        int hi = links.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Bytewise.compare(links.get(mid).name(), name);
            if (c == 0) {
                return Optional.of(links.get(mid));
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** A page of {@code links} as entries: names strictly after {@code afterName}, at most {@code limit}. */
    List<Entry> page(List<Link> links, String afterName, int limit) {
        List<Entry> out = new ArrayList<>(Math.min(limit, links.size()));
        for (Link link : links) {
            if (out.size() >= limit) {
                break;
            }
            if (Bytewise.after(link.name(), afterName)) {
                out.add(entry(link));
            }
        }
        return out;
    }

    /** The symlink entry: size is the link text's byte length, mtime the target construct's. */
    Entry entry(Link link) {
        String text = link.linkText();
        long mtime = tree.snapshot().node(link.targetConstruct())
                .map(Node::mtimeNanos)
                .orElse(tree.commitTimeNanos());
        return new Entry(link.path(), link.name(), EntryType.SYMLINK, text.getBytes(StandardCharsets.UTF_8).length,
                mtime, FileIds.of(link.path()), Optional.of(text), Optional.of(link.targetPath()));
    }
}
