package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;

/** A definition site found by a query, as the engine and the {@link LanguageRules} see it while building constructs. */
final class Definition {
    final Node node;
    final Node nameNode;
    /** canonical kind; rules may refine it (a Go type_spec of a struct is a struct) */
    String kind;
    /** the bare identifier; rules may replace it (a Kotlin secondary constructor is named by its class) */
    String token;
    final int start;
    final int end;
    final int nameStart;
    /** first byte of the construct's source (doc comment, decorators), set when the construct is built */
    int extStart;
    /** index among the kept constructs, -1 until kept */
    int index = -1;
    Definition parent;
    /** the grammar the file was parsed with, and its text */
    String grammar;
    /** raw navigation for the rules' hot paths; null when the engine uses jtreesitter's API */
    RawQuery.Nav nav;
    /** the type a member defined outside its type belongs to (C++ {@code Shape::area}), set by the rules */
    String owner;
    SourceText text;
    String group;

    Definition(Node node, Node nameNode, String kind, String token) {
        this.node = node;
        this.nameNode = nameNode;
        this.kind = kind;
        this.token = token;
        this.start = node.getStartByte();
        this.extStart = start;
        this.end = node.getEndByte();
        this.nameStart = nameNode.getStartByte();
    }

    /** The nearest kept ancestor of one of the given kinds, or null. */
    Definition ancestor(java.util.Set<String> kinds) {
        for (Definition d = parent; d != null; d = d.parent) if (kinds.contains(d.kind)) return d;
        return null;
    }
}
