package org.spmonitor.local;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Before anything starts: every port 0 replaced by a free one, and every port checked to be free. */
final class PortCheck {

    /** The settings with each port of 0 replaced by a free port that no other part of the stack uses. */
    static LocalStackSettings withFreePortsResolved(LocalStackSettings settings) {
        Set<Integer> taken = new HashSet<>();
        taken.add(settings.kafkaPort());
        taken.add(settings.controllerPort());
        taken.add(settings.mongoPort());
        taken.add(settings.issuerPort());
        taken.addAll(settings.servicePorts().values());
        Map<LocalService, Integer> servicePorts = new EnumMap<>(LocalService.class);
        settings.servicePorts().forEach((service, port) -> servicePorts.put(service, resolve(port, taken)));
        return new LocalStackSettings(settings.dataDir(), resolve(settings.kafkaPort(), taken),
                resolve(settings.controllerPort(), taken), resolve(settings.mongoPort(), taken),
                resolve(settings.issuerPort(), taken), servicePorts,
                settings.demo(), settings.serviceProperties(), settings.kafkaFsync(), settings.topology());
    }

    private static int resolve(int port, Set<Integer> taken) {
        if (port != 0) {
            return port;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            int free = Ports.anyFree();
            if (taken.add(free)) {
                return free;
            }
        }
        throw new LocalStackException("could not find a free port on " + Ports.HOST);
    }

    /** Fails at once, naming every taken port and the option that moves it. */
    static void requirePortsFree(LocalStackSettings resolved) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        ports.put("Kafka", resolved.kafkaPort());
        options.put("Kafka", LocalStackSettings.KAFKA_PORT);
        ports.put("Kafka controller", resolved.controllerPort());
        options.put("Kafka controller", LocalStackSettings.CONTROLLER_PORT);
        ports.put("Mongo-wire server", resolved.mongoPort());
        options.put("Mongo-wire server", LocalStackSettings.MONGO_PORT);
        ports.put("token issuer", resolved.issuerPort());
        options.put("token issuer", LocalStackSettings.ISSUER_PORT);
        for (LocalService service : LocalService.values()) {
            ports.put(service.serviceName(), resolved.port(service));
            options.put(service.serviceName(), service.portOption());
        }
        Map<Integer, String> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        ports.forEach((what, port) -> {
            String option = options.get(what);
            String other = seen.putIfAbsent(port, what);
            if (other != null) {
                problems.add(String.format("port %d is given to both %s and %s; change one with --%s=<port>", port,
                        other, what, option));
            }
            else if (!Ports.isFree(port)) {
                problems.add(String.format(
                        "port %d (%s) on %s is already in use (another local stack still running?); "
                                + "free it or choose another with --%s=<port> or -D%s%s=<port>",
                        port, what, Ports.HOST, option, LocalStackSettings.SYSTEM_PROPERTY_PREFIX, option));
            }
        });
        if (!problems.isEmpty()) {
            throw new LocalStackException(String.join(System.lineSeparator() + "  ", problems));
        }
    }

    private PortCheck() {
    }
}
