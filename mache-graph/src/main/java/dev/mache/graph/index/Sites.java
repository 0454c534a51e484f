package dev.mache.graph.index;

import dev.mache.graph.lang.CallArity;

import java.util.List;

/**
 * A reference site as {@code node_refs.sites} stores it, one per line: a kind letter ({@code c} call, {@code n}
 * new, {@code t} type use), an arity letter ({@code ?} unknown, else {@code '0'} + the number of arguments), then
 * the receiver's text (empty for a bare use). Stored so that a row can be re-resolved when definitions elsewhere
 * change, with the same answer a full index gives.
 */
final class Sites {
    /** The most arguments an arity letter records; more count as unknown. */
    private static final int MAX_ARITY = 40;

    private Sites() {
    }

    static String of(char kind, int arity, String receiver) {
        char a = arity < 0 || arity > MAX_ARITY ? '?' : (char) ('0' + arity);
        return new StringBuilder(receiver.length() + 2).append(kind).append(a).append(receiver).toString();
    }

    static char kind(String site) {
        return site.charAt(0);
    }

    static int arity(String site) {
        char a = site.length() > 1 ? site.charAt(1) : '?';
        return a == '?' ? CallArity.UNKNOWN : a - '0';
    }

    static String receiver(String site) {
        return site.length() > 2 ? site.substring(2) : "";
    }

    /** Sites as one {@code node_refs.sites} value. */
    static String joined(List<String> sites) {
        return sites.size() == 1 ? sites.getFirst() : String.join("\n", sites);
    }

    /** A site's receiver as a row's {@code qualifier}: null for a bare use. */
    static String qualifier(String site) {
        return site.length() > 2 ? site.substring(2) : null;
    }

    /** The {@code qualifier} of a row with these sites: the first one's. */
    static String qualifier(List<String> sites) {
        return sites.isEmpty() ? null : qualifier(sites.getFirst());
    }
}
