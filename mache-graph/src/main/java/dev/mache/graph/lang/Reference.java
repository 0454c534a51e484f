package dev.mache.graph.lang;

import java.util.Optional;

/**
 * A reference site.
 *
 * @param token     the bare identifier referenced ({@code add}, {@code ArrayList})
 * @param construct index of the innermost enclosing construct in {@link ParsedFile#constructs()}, or -1
 * @param startByte where the token starts
 * @param kind      what kind of use it is
 * @param receiver  for a call {@code a.b()}, the receiver's text ({@code a}) or its declared type when the spec
 *                  can see it cheaply (locals, parameters, fields, {@code this}); empty for a bare call
 * @param arity     how many arguments a call or instantiation passes, or {@link CallArity#UNKNOWN}
 */
public record Reference(String token, int construct, int startByte, RefKind kind, Optional<String> receiver,
                        int arity) {

    /** A reference whose arity is not known (type uses, or a language that cannot tell). */
    public Reference(String token, int construct, int startByte, RefKind kind, Optional<String> receiver) {
        this(token, construct, startByte, kind, receiver, CallArity.UNKNOWN);
    }

    public enum RefKind { CALL, NEW, TYPE }
}
