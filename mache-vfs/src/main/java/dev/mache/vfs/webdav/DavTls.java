package dev.mache.vfs.webdav;

import java.nio.file.Files;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTPS connector of the WebDAV server: HTTP/1.1 over TLS with a PKCS#12 key store. */
final class DavTls {

    private DavTls() {
    }

    static ServerConnector connector(Server server, HttpConfiguration http, DavSecurity.Tls tls) {
        if (!Files.isReadable(tls.keystore())) {
            throw new IllegalArgumentException("cannot read the TLS key store " + tls.keystore());
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(tls.password());
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // clients often reach a self-hosted server by IP address or a name not in the certificate: a client's
        // own host name check is the one that matters, not Jetty's SNI match against the certificate
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return new ServerConnector(server, 1, 1,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
    }
}
