package dev.mache.vfs;

import java.util.ArrayList;
import java.util.List;

/** The root: the stored top-level directories (languages, {@code files/}) merged with the virtual entries. */
final class RootView {
    static final String README = "README.txt";

    private final Tree tree;
    private final Readme readme;

    RootView(Tree tree, Readme readme) {
        this.tree = tree;
        this.readme = readme;
    }

    /** README.txt, callees/, callers/, defs/, sorted by name. */
    List<Entry> virtualChildren() {
        List<Entry> out = new ArrayList<>(4);
        out.add(readmeEntry());
        for (Axis axis : Axis.values()) {
            out.add(tree.virtualDir(axis.segment()));
        }
        out.sort((a, b) -> Bytewise.compare(a.name(), b.name()));
        return out;
    }

    Entry readmeEntry() {
        return tree.virtualFile(README, readme.bytes().length);
    }

    Entry rootEntry() {
        return tree.virtualDir("");
    }

    List<Entry> listAfter(String afterName, int limit) {
        return MergedListing.page(tree.snapshot(), "", virtualChildren(), afterName, limit);
    }
}
