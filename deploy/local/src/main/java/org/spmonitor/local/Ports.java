package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks, so that a taken port fails the start at once and by name. */
final class Ports {

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

    private Ports() {
    }
}
