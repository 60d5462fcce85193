package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;

/** Loopback port checks, so that a taken port fails the start at once and by name. */
public final class Ports {

    static final String HOST = "127.0.0.1";

    /** Whether a server could listen on {@code port} of 127.0.0.1 right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** A port of 127.0.0.1 that is free now (another process may still take it before we bind it). */
    static int anyFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 1);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no free port on " + HOST, ex);
        }
    }

    /**
     * A free port of 127.0.0.1 that is none of {@code taken}: the ports chosen for one start of a stack
     * in its own process must differ from each other.
     */
    public static int anyFreeExcept(Collection<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = anyFree();
            if (!taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on " + HOST + " besides " + taken);
    }

    private Ports() {
    }
}
