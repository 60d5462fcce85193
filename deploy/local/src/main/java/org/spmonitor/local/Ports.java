package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Free, distinct ports for every port option of a stack started in a process of its own
     * ({@code kafka-port}, ..., one per service), in a stable order.
     */
    public static Map<String, Integer> forAStack() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String option : List.of("kafka-port", "kafka-controller-port", "mongo-port", "issuer-port")) {
            ports.put(option, anyFreeExcept(ports.values()));
        }
        for (LocalService service : LocalService.values()) {
            ports.put(service.portOption(), anyFreeExcept(ports.values()));
        }
        return ports;
    }

    private Ports() {
    }
}
