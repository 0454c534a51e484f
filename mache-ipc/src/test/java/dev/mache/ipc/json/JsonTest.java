package dev.mache.ipc.json;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void readsEveryKindOfValue() throws Exception {
        Object v = Json.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\",\"n\":-12,\"big\":18446744073709551615,"
                + "\"f\":1.5e2,\"t\":true,\"x\":false,\"z\":null,\"l\":[1,[],{}]} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals("a\"b\\c/\né😀", m.get("s"));
        assertEquals(-12L, m.get("n"));
        assertEquals(new BigInteger("18446744073709551615"), m.get("big"));
        assertEquals(150.0, m.get("f"));
        assertEquals(true, m.get("t"));
        assertEquals(false, m.get("x"));
        assertSame(Json.NULL, m.get("z"));
        assertEquals(List.of(1L, List.of(), Map.of()), m.get("l"));
        assertEquals(List.of("s", "n", "big", "f", "t", "x", "z", "l"), List.copyOf(m.keySet()));
    }

    @Test
    void writesWhatItReads() throws Exception {
        String text = "{\"s\":\"a\\\"b\\\\c\\n\\u0001é\",\"n\":-12,\"t\":true,\"z\":null,\"l\":[1,[],{}]}";
        assertEquals(text, Json.toJson(Json.parse(text)));
    }

    @Test
    void malformedInputIsAPositionedError() {
        assertEquals("unexpected end of input at column 7",
                assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\":1")).getMessage());
        assertEquals("unterminated string at column 8",
                assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\":\"x")).getMessage());
        assertEquals("unexpected trailing characters at column 4",
                assertThrows(Json.JsonException.class, () -> Json.parse("{} x")).getMessage());
        assertEquals("control character in string at column 3",
                assertThrows(Json.JsonException.class, () -> Json.parse("\"a\u0001\"")).getMessage());
        assertEquals("bad escape '\\q' at column 3",
                assertThrows(Json.JsonException.class, () -> Json.parse("\"a\\q\"")).getMessage());
        assertEquals("unexpected character '\\u00ff' at column 1",
                assertThrows(Json.JsonException.class, () -> Json.parse("\u00ff")).getMessage());
    }
}
