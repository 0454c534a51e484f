package dev.mache.vfs.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.ClientNetworks;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebDAV server exposed: an allow-list, a token (Bearer or Basic password) and HTTPS, checked with curl. */
class DavAccessTest {

    private static final String TOKEN = "s3cret-token-of-the-test";

    @TempDir
    Path tmp;

    private static DavSecurity security(String allowed, String token) {
        return new DavSecurity(ClientNetworks.parse(allowed), Optional.ofNullable(token), Optional.empty());
    }

    @Test
    void requestsWithoutTheTokenGet401AndWithItTheTree() {
        try (WebDavServer server = WebDavServer.start(MemoryVfs.fixture(), new InetSocketAddress("127.0.0.1", 0),
                security("127.0.0.0/8", TOKEN))) {
            Curl curl = new Curl("http://127.0.0.1:" + server.port(), tmp);
            Curl.Response none = curl.propfind("/", "1", null);
            assertEquals(401, none.status());
            String all = String.join("\n", Clients.run(List.of("curl", "-sS", "-o", "/dev/null", "-D", "-",
                    "http://127.0.0.1:" + server.port() + "/")).text().lines()
                    .filter(l -> l.toLowerCase().startsWith("www-authenticate:")).toList());
            assertEquals("WWW-Authenticate: Bearer realm=\"mache\"\n"
                    + "WWW-Authenticate: Basic realm=\"mache\", charset=\"UTF-8\"", all);
            assertEquals(401, curl.request("GET", "/", "-H", "Authorization: Bearer wrong").status());
            assertEquals(401, curl.request("GET", "/", "-H", "Authorization: Bearer " + TOKEN + "x").status());
            assertEquals(401, curl.request("GET", "/", "-u", "me:wrong").status());
            assertEquals(401, curl.request("OPTIONS", "/").status());

            assertEquals(207, curl.request("PROPFIND", "/", "-H", "Depth: 1", "-H", "Authorization: Bearer " + TOKEN)
                    .status());
            assertEquals(200, curl.request("GET", "/", "-H", "Authorization: Bearer " + TOKEN).status());
            assertEquals(207, curl.request("PROPFIND", "/", "-H", "Depth: 0", "-u", "anyone:" + TOKEN).status());
            assertEquals(200, curl.request("GET", "/", "-H",
                    "Authorization: basic " + Base64.getEncoder().encodeToString((":" + TOKEN).getBytes())).status());
        }
    }

    @Test
    void rcloneLogsInWithTheBearerTokenOrTheTokenAsPassword() {
        Clients.require("rclone", "rclone");
        Map<String, String> env = Map.of("RCLONE_CONFIG", tmp.resolve("rclone.conf").toString());
        try (WebDavServer server = WebDavServer.start(MemoryVfs.fixture(), new InetSocketAddress("127.0.0.1", 0),
                security("127.0.0.1", TOKEN))) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            Clients.Result bearer = Clients.run(List.of("rclone", "lsf", ":webdav:", "--webdav-url", url,
                    "--webdav-bearer-token", TOKEN), null, env, 60);
            assertEquals(0, bearer.exit(), bearer.err());
            Clients.Result obscured = Clients.run(List.of("rclone", "obscure", TOKEN), null, env, 60);
            assertEquals(0, obscured.exit(), obscured.err());
            Clients.Result basic = Clients.run(List.of("rclone", "lsf", ":webdav:", "--webdav-url", url,
                    "--webdav-user", "me", "--webdav-pass", obscured.text().strip()), null, env, 60);
            assertEquals(0, basic.exit(), basic.err());
            assertEquals(bearer.text(), basic.text());
            assertTrue(bearer.text().lines().count() >= 2, bearer.text());
            Clients.Result none = Clients.run(List.of("rclone", "lsf", ":webdav:", "--webdav-url", url,
                    "--low-level-retries", "1", "--retries", "1"), null, env, 60);
            assertNotEquals(0, none.exit());
            assertTrue(none.err().contains("401"), none.err());
        }
    }

    @Test
    void clientsOutsideTheAllowedNetworksGet403EvenWithTheToken() {
        try (WebDavServer server = WebDavServer.start(MemoryVfs.fixture(), new InetSocketAddress("127.0.0.1", 0),
                security("10.0.0.0/8", TOKEN))) {
            Curl curl = new Curl("http://127.0.0.1:" + server.port(), tmp);
            Curl.Response r = curl.request("GET", "/", "-H", "Authorization: Bearer " + TOKEN);
            assertEquals(403, r.status());
            assertEquals("this address may not use this server\n", r.text());
        }
    }

    @Test
    void servesHttpsFromAPkcs12KeyStore() {
        Path keystore = tmp.resolve("mache.p12");
        Clients.Result made = Clients.run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "mache", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit"));
        assertEquals(0, made.exit(), made.err());
        DavSecurity tls = new DavSecurity(ClientNetworks.parse("127.0.0.1"), Optional.of(TOKEN),
                Optional.of(new DavSecurity.Tls(keystore, "changeit")));
        try (WebDavServer server = WebDavServer.start(MemoryVfs.fixture(), new InetSocketAddress("127.0.0.1", 0),
                tls)) {
            assertEquals("https://127.0.0.1:" + server.port() + "/", server.url());
            Curl curl = new Curl("https://127.0.0.1:" + server.port(), tmp);
            assertEquals(401, curl.request("GET", "/", "-k").status());
            Curl.Response ok = curl.request("GET", "/", "-k", "-u", "me:" + TOKEN);
            assertEquals(200, ok.status());
            assertTrue(ok.text().contains("README.txt") || ok.text().contains("<html"), ok.text());
        }
    }
}
