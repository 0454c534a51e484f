package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.ClientNetworks;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --nfs-allow}: clients outside the allowed networks are refused, with nfs-ls and by hand. */
class ClientAccessTest {

    private static String url(NfsServer server, String path) {
        return "nfs://127.0.0.1/" + path + "?version=3&nfsport=" + server.port() + "&mountport=" + server.port();
    }

    @Test
    void nfsLsFromAnAllowedNetworkListsTheTree() {
        Tools.require("nfs-ls");
        try (NfsServer server = NfsServer.start(Fixtures.sample(), new InetSocketAddress("127.0.0.1", 0),
                ClientNetworks.parse("10.0.0.0/8, 127.0.0.0/8"))) {
            Tools.Result r = Tools.run("nfs-ls", url(server, "src/main"));
            assertEquals(0, r.exit(), r.stderr());
            assertEquals(1, r.lines().size(), r.out());
            assertTrue(r.lines().getFirst().endsWith(" App.java"), r.out());
        }
    }

    @Test
    void nfsLsFromElsewhereIsRefusedAtMount() {
        Tools.require("nfs-ls");
        try (NfsServer server = NfsServer.start(Fixtures.sample(), new InetSocketAddress("127.0.0.1", 0),
                ClientNetworks.parse("10.0.0.0/8"))) {
            Tools.Result r = Tools.run("nfs-ls", url(server, "src/main"));
            assertNotEquals(0, r.exit());
            assertEquals("", r.out());
            assertTrue(r.stderr().contains("MNT3ERR_ACCES"), r.stderr());
        }
    }

    @Test
    void refusedCallsGetMnt3errAccesOrAnAuthError() throws Exception {
        try (NfsServer server = NfsServer.start(Fixtures.sample(), new InetSocketAddress("127.0.0.1", 0),
                ClientNetworks.parse("192.168.0.0/16,fd00::/8"));
             RawRpc rpc = new RawRpc(server.port())) {
            // MNT "/": accepted at the RPC level, mountstat3 MNT3ERR_ACCES (13)
            ByteBuffer mnt = RawRpc.call(7, Nfs3.MOUNT_PROGRAM, Nfs3.MOUNT_VERSION, Nfs3.MNT, Nfs3.AUTH_SYS,
                    RawRpc.authSys("raw", 0, 0));
            RawRpc.opaque(mnt, "/".getBytes(StandardCharsets.UTF_8));
            rpc.send(mnt);
            RawRpc.Reply mounted = rpc.receive();
            assertEquals(7, mounted.xid());
            assertEquals(RawRpc.MSG_ACCEPTED, mounted.replyStat());
            assertEquals(RawRpc.SUCCESS, mounted.acceptOrRejectStat());
            assertEquals(13, mounted.body().getInt());
            // NFS GETATTR with any handle: MSG_DENIED, AUTH_ERROR (1), AUTH_TOOWEAK (5); the connection stays up
            ByteBuffer getattr = RawRpc.nfsCall(8, Nfs3.GETATTR);
            RawRpc.opaque(getattr, new byte[8]);
            rpc.send(getattr);
            RawRpc.Reply denied = rpc.receive();
            assertEquals(8, denied.xid());
            assertEquals(RawRpc.MSG_DENIED, denied.replyStat());
            assertEquals(1, denied.acceptOrRejectStat());
            assertEquals(5, denied.authStat());
            rpc.send(RawRpc.nfsCall(9, Nfs3.NULL));
            RawRpc.Reply nullCall = rpc.receive();
            assertEquals(9, nullCall.xid());
            assertEquals(RawRpc.MSG_DENIED, nullCall.replyStat());
        }
    }
}
