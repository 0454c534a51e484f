package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Tree;
import java.lang.foreign.MemorySegment;

/** A definition site found by a query, as the engine and the {@link LanguageRules} see it while building constructs. */
final class Definition {
    /** made on first use from the raw structs: each jtreesitter Node registers an automatic arena */
    private Node node;
    private Node nameNode;
    /** the TSNode structs (raw query runner, in the parse's arena); null with jtreesitter's API runner */
    private final MemorySegment segment;
    private final MemorySegment nameSegment;
    private final Tree tree;
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
        this.segment = null;
        this.nameSegment = null;
        this.tree = null;
        this.kind = kind;
        this.token = token;
        this.start = node.getStartByte();
        this.extStart = start;
        this.end = node.getEndByte();
        this.nameStart = nameNode.getStartByte();
    }

    /** From raw TSNode structs that stay valid as long as the tree and the parse's arena. */
    Definition(MemorySegment segment, MemorySegment nameSegment, Tree tree, int start, int end, int nameStart,
               String kind, String token) {
        this.segment = segment;
        this.nameSegment = nameSegment;
        this.tree = tree;
        this.kind = kind;
        this.token = token;
        this.start = start;
        this.extStart = start;
        this.end = end;
        this.nameStart = nameStart;
    }

    /** The definition's node. */
    Node node() {
        Node n = node;
        if (n == null) node = n = RawQuery.node(segment, tree);
        return n;
    }

    /** The node of the definition's name. */
    Node nameNode() {
        Node n = nameNode;
        if (n == null) nameNode = n = RawQuery.node(nameSegment, tree);
        return n;
    }

    /** The TSNode struct of the definition's node, without making a jtreesitter Node. */
    MemorySegment segment() {
        return segment != null ? segment : RawQuery.segment(node);
    }

    /** The nearest kept ancestor of one of the given kinds, or null. */
    Definition ancestor(java.util.Set<String> kinds) {
        for (Definition d = parent; d != null; d = d.parent) if (kinds.contains(d.kind)) return d;
        return null;
    }
}
