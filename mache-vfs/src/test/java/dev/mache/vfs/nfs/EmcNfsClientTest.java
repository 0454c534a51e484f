package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.io.NfsFileInputStream;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.OncRpcSvc;
import org.dcache.oncrpc4j.rpc.OncRpcSvcBuilder;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tree walked by com.emc.ecs:nfs-client, a synchronous Java NFSv3 client. It always asks a portmapper on port 111
 * for the NFS and MOUNT ports, so this test answers GETPORT on 127.0.0.1:111 itself, and skips (saying why) when that
 * port is taken, e.g. by a system rpcbind, or cannot be bound without privileges.
 */
class EmcNfsClientTest {

    private static MemoryVfs vfs;
    private static NfsServer server;
    private static OncRpcSvc portmapper;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket probe = new ServerSocket(111, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (BindException taken) {
            Assumptions.abort("SKIPPED LOUDLY: port 127.0.0.1:111 is taken or needs privileges (" + taken.getMessage()
                    + "); com.emc.ecs:nfs-client only finds servers through a portmapper on 111");
        }
        vfs = Fixtures.sample();
        server = NfsServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
        int port = server.port();
        portmapper = new OncRpcSvcBuilder()
                .withTCP()
                .withBindAddress("127.0.0.1")
                .withPort(111)
                .withoutAutoPublish()
                .withSameThreadIoStrategy()
                .withServiceName("test-portmap")
                .withRpcService(new OncRpcProgram(100000, 2), (RpcCall call) -> {
                    switch (call.getProcedure()) {
                        case 0 -> call.reply(XdrVoid.XDR_VOID);
                        case 3 -> { // GETPORT(prog, vers, prot, port)
                            int prog = call.getXdr().xdrDecodeInt();
                            call.getXdr().xdrDecodeInt();
                            int prot = call.getXdr().xdrDecodeInt();
                            boolean ours = prot == 6 && (prog == 100003 || prog == 100005);
                            call.reply(new XdrInt(ours ? port : 0));
                        }
                        default -> call.failProcedureUnavailable();
                    }
                })
                .build();
        portmapper.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (portmapper != null) {
            portmapper.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private static int walk(Nfs3File dir, Set<String> seen) throws IOException {
        int count = 0;
        for (Nfs3File child : dir.listFiles()) {
            assertTrue(seen.add(child.getPath()), "listed twice: " + child.getPath());
            count++;
            if (child.isDirectory()) {
                count += walk(child, seen);
            }
        }
        return count;
    }

    @Test
    void walksTheWholeTreeAndReadsExactBytes() throws IOException {
        Nfs3 nfs = new Nfs3("127.0.0.1", "/", new CredentialUnix(0, 0, null), 3);
        Nfs3File root = new Nfs3File(nfs, "/");
        assertEquals(vfs.entryCount(), walk(root, new HashSet<>()));

        Nfs3File deep = new Nfs3File(nfs, "/a/b/c/d/e/deep.txt");
        assertTrue(deep.isFile());
        assertEquals(vfs.content("a/b/c/d/e/deep.txt").length, deep.length());
        try (InputStream in = new NfsFileInputStream(new Nfs3File(nfs, "/blob.bin"))) {
            assertArrayEquals(vfs.content("blob.bin"), in.readAllBytes());
        }
        assertEquals(Fixtures.BIG_DIR_ENTRIES, new Nfs3File(nfs, "/big").list().size());
    }
}
