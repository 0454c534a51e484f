package dev.mache.graph.lang;

/**
 * A definition found in a file.
 *
 * @param parent    index into {@link ParsedFile#constructs()} of the enclosing construct, or -1 at namespace level
 * @param group     the kind group directory it lives in: {@code classes}, {@code methods}, {@code functions}, …
 * @param name      the display name, unescaped, with the overload signature where the language overloads
 *                  ({@code add(int,E)}), Go receivers ({@code Server.Start})
 * @param token     the bare identifier as written in code ({@code add}), the key of {@code defs/<symbol>/}
 * @param kind      canonical kind ({@code class}, {@code interface}, {@code method}, {@code function}, …)
 * @param startByte first byte, leading doc comment and annotations included
 * @param endByte   one past the last byte
 * @param startLine first line, 1-based
 * @param endLine   last line, 1-based, inclusive
 * @param container true for a plain grouping directory without source (C++ {@code namespaces/<ns>/})
 * @param resultType the simple name of the type a function or method declares it returns, or null
 */
public record Construct(int parent, String group, String name, String token, String kind,
                        int startByte, int endByte, int startLine, int endLine, boolean container,
                        String resultType) {

    /** A construct that declares no result type. */
    public Construct(int parent, String group, String name, String token, String kind,
                     int startByte, int endByte, int startLine, int endLine, boolean container) {
        this(parent, group, name, token, kind, startByte, endByte, startLine, endLine, container, null);
    }
}
