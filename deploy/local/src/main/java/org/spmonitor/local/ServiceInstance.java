package org.spmonitor.local;

/**
 * One running copy of a service: number 1 is the instance of the embedded default (its port is the
 * service's option, its instance id {@code local-<service>}); in cluster mode number 2 runs beside it
 * on a free port, with the instance id {@code local-<service>-2}.
 */
public record ServiceInstance(LocalService service, int number) {

    public static ServiceInstance first(LocalService service) {
        return new ServiceInstance(service, 1);
    }

    /** The stable name of this instance ({@code spmonitor.instance-id}): its outbox lease and static group membership. */
    String instanceId() {
        return "local-" + service.serviceName() + (number == 1 ? "" : "-" + number);
    }

    @Override
    public String toString() {
        return service.serviceName() + (number == 1 ? "" : " #" + number);
    }
}
