package dev.mache.vfs.webdav;

import java.net.InetSocketAddress;

/** Serves the test fixture until killed: {@code java -cp ... dev.mache.vfs.webdav.DemoServer PORT}. */
public final class DemoServer {
    private DemoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (WebDavServer s = WebDavServer.start(MemoryVfs.fixture(), new InetSocketAddress("127.0.0.1", port))) {
            System.out.println(s.url());
            Thread.currentThread().join();
        }
    }
}
