package dev.mache.vfs;

import dev.mache.graph.Names;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The root indexes {@code defs/<symbol>/}, {@code callers/<symbol>/}, {@code callees/<symbol>/}. A symbol segment is
 * {@link Names#escape} of the token. Listings page through the graph's token index ({@code defTokens} for
 * {@code defs/} and {@code callees/}, {@code refTokens} for {@code callers/}), so a huge index is never
 * materialized. Pages follow the graph's token order, which is the bytewise name order except for tokens holding
 * characters that escaping rewrites ({@code / %} and control bytes); each token is still listed exactly once,
 * because a page cookie (a name) is turned back into its token.
 */
final class SymbolIndexView {
    private static final Pattern SHORTENED = Pattern.compile("~[0-9a-f]{8}$");
    private static final int SCAN_PAGE = 256;

    private final Tree tree;

    SymbolIndexView(Tree tree) {
        this.tree = tree;
    }

    private Snapshot snapshot() {
        return tree.snapshot();
    }

    private List<String> tokens(Axis axis, String afterToken, int limit) {
        return axis == Axis.CALLERS
                ? snapshot().refTokens(afterToken, limit)
                : snapshot().defTokens(afterToken, limit);
    }

    List<Entry> listAfter(Axis axis, String afterName, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String afterToken = afterName == null ? null : tokenOfCookie(axis, afterName);
        List<Entry> out = new ArrayList<>();
        for (String token : tokens(axis, afterToken, limit)) {
            out.add(tree.virtualDir(axis.segment() + "/" + Names.escape(token)));
        }
        return out;
    }

    /** The directory of one symbol, if the symbol has an entry in this index. */
    Optional<Place.SymbolDir> symbolDir(Axis axis, String name) {
        return tokenOf(axis, name)
                .filter(token -> exists(axis, token))
                .map(token -> new Place.SymbolDir(axis, token, name));
    }

    /** The place of {@code segments} (the first is the axis), one to three segments deep. */
    Optional<Place> resolve(Axis axis, List<String> segments) {
        if (segments.size() == 1) {
            return Optional.of(new Place.SymbolIndex(axis));
        }
        if (segments.size() > 3) {
            return Optional.empty();
        }
        Optional<Place.SymbolDir> dir = symbolDir(axis, segments.get(1));
        if (dir.isEmpty() || segments.size() == 2) {
            return dir.map(d -> d);
        }
        return RefListView.find(links(dir.get()), segments.get(2))
                .map(link -> new Place.SymbolLink(axis, dir.get().token(), link));
    }

    /** The links of a symbol directory, sorted by name. */
    List<RefListView.Link> links(Place.SymbolDir dir) {
        return tree.links(dir.path(), () -> RefListView.links(dir.path(), refs(dir), null));
    }

    private List<Ref> refs(Place.SymbolDir dir) {
        return switch (dir.axis()) {
            case DEFS -> snapshot().defs(dir.token());
            case CALLERS -> snapshot().refs(dir.token());
            case CALLEES -> {
                Set<Ref> union = new LinkedHashSet<>();
                for (Ref def : snapshot().defs(dir.token())) {
                    union.addAll(snapshot().callees(def.nodeId()));
                }
                yield new ArrayList<>(union);
            }
        };
    }

    /**
     * A symbol has a {@code defs/} and a {@code callees/} directory when it has a definition (its callees may be
     * none), and a {@code callers/} directory when something references it.
     */
    boolean exists(Axis axis, String token) {
        Place.SymbolDir probe = new Place.SymbolDir(axis == Axis.CALLERS ? Axis.CALLERS : Axis.DEFS, token,
                Names.escape(token));
        return !links(probe).isEmpty();
    }

    /**
     * The token a symbol segment names: the one whose escape is exactly {@code name} (so a non-canonical spelling
     * such as {@code a%41} names nothing). A shortened name (over 255 bytes) is found by scanning the tokens that
     * share its kept prefix.
     */
    Optional<String> tokenOf(Axis axis, String name) {
        String plain = Names.unescape(name);
        Optional<String> canonical = Names.escape(plain).equals(name) ? Optional.of(plain) : Optional.empty();
        if (name.getBytes(StandardCharsets.UTF_8).length != Names.MAX_SEGMENT_BYTES
                || !SHORTENED.matcher(name).find()) {
            return canonical;
        }
        String stem = stemOf(name);
        String after = stem.isEmpty() ? null : stem.substring(0, stem.length() - 1);
        while (true) {
            List<String> page = tokens(axis, after, SCAN_PAGE);
            for (String token : page) {
                if (!token.equals(plain) && Names.escape(token).equals(name)) {
                    return Optional.of(token);
                }
                if (!token.startsWith(stem) && Bytewise.compare(token, stem) > 0) {
                    return canonical;
                }
            }
            if (page.size() < SCAN_PAGE) {
                return canonical;
            }
            after = page.getLast();
        }
    }

    /** A page cookie back to its token; for a shortened name, a token just before every token it could be. */
    private String tokenOfCookie(Axis axis, String name) {
        Optional<String> token = tokenOf(axis, name);
        if (token.isPresent()) {
            return token.get();
        }
        return Names.unescape(name);
    }

    /** The unescaped prefix a shortened name kept, without a trailing partial escape. */
    private static String stemOf(String shortened) {
        String kept = shortened.substring(0, shortened.length() - 9);
        int pct = kept.lastIndexOf('%');
        if (pct >= 0 && pct >= kept.length() - 2) {
            kept = kept.substring(0, pct);
        }
        return Names.unescape(kept);
    }
}
