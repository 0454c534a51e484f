package dev.mache.vfs;

import dev.mache.graph.Node;
import dev.mache.graph.Ref;

import java.util.List;
import java.util.Optional;

/**
 * A construct's directory: its stored children ({@code source location context}, kind groups of nested constructs)
 * plus the virtual {@code callers/} and {@code callees/}, which always exist, possibly empty.
 */
final class ConstructView {
    private final Tree tree;

    ConstructView(Tree tree) {
        this.tree = tree;
    }

    /** The virtual children of a construct, sorted by name. */
    List<Entry> virtualChildren(Node construct) {
        return List.of(tree.virtualDir(construct.id() + "/callees"), tree.virtualDir(construct.id() + "/callers"));
    }

    List<Entry> listAfter(Node construct, String afterName, int limit) {
        return MergedListing.page(tree.snapshot(), construct.id(), virtualChildren(construct), afterName, limit);
    }

    /** The links of {@code <construct>/callers|callees/}, sorted by name. */
    List<RefListView.Link> links(Node construct, Axis axis) {
        String dir = construct.id() + "/" + axis.segment();
        return tree.links(dir, () -> {
            List<Ref> refs = axis == Axis.CALLERS
                    ? tree.snapshot().callers(construct.id())
                    : tree.snapshot().callees(construct.id());
            return RefListView.links(dir, refs, construct.id());
        });
    }

    /**
     * The place of {@code <construct>/<list>[/<link>]}: {@code rest} holds the segments after the construct (1 or 2).
     */
    Optional<Place> resolve(Node construct, List<String> rest) {
        Optional<Axis> axis = Axis.ofConstruct(rest.getFirst());
        if (axis.isEmpty() || rest.size() > 2) {
            return Optional.empty();
        }
        if (rest.size() == 1) {
            return Optional.of(new Place.ConstructList(construct, axis.get()));
        }
        return RefListView.find(links(construct, axis.get()), rest.get(1))
                .map(link -> new Place.ConstructLink(construct, axis.get(), link));
    }
}
