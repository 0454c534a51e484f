package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class TypeScriptSpecTest {

    @Test
    void interfacesClassesAndParameterProperties() {
        String code = """
                import { Base } from "./base";

                export interface Sized { size(): number; }

                /** A box. */
                export class Box extends Base implements Sized {
                  constructor(private inner: Sized) { super(); }
                  size(): number { return this.inner.size(); }
                  size2(b: Box): number { return b.size(); }
                }

                export type Id = string;
                export enum Kind { A, B }
                export function make(): Box { return new Box(null); }
                """;
        assertEquals("""
                namespace src.box
                imports [src.base]
                problems []
                --context
                import { Base } from "./base";
                --constructs
                interfaces Sized interface 3-3
                  methods size method 3-3
                classes Box class 5-10
                  constructors constructor constructor 7-7
                  methods size method 8-8
                  methods size2 method 9-9
                types Id type 12-12
                enums Kind enum 13-13
                functions make function 14-14
                --references
                type Base in Box
                type Sized in Box
                type Sized in constructor
                call size in size (Sized)
                type Box in size2
                call size in size2 (Box)
                type Box in make
                new Box in make
                """,
                Dump.all(Dump.parse("src/box.ts", code)));
    }

    @Test
    void tsxUsesTheTsxGrammarUnderTypescript() {
        String code = """
                export function App() { return <Button label="ok" />; }
                const Button = (p: Props) => <b>{p.label}</b>;
                """;
        assertEquals("""
                namespace src.app
                imports []
                problems []
                --context
                --constructs
                functions App function 1-1
                functions Button function 2-2
                --references
                call Button in App
                type Props in Button
                """,
                Dump.all(Dump.parse("src/app.tsx", code)));
    }
}
