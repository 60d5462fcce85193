package org.spmonitor.events;

/** A fact one of our services publishes. The Kafka record key is {@link #key()}. */
public interface DomainEvent {

    /** Record key: the ISO 3166-1 alpha-3 country the event is about (currency code for exchange rates). */
    String key();

    /** CloudEvents subject: the id of the thing the event is about. */
    String subject();

    /** Version of the aggregate this event produced; consumers keep the highest. */
    long version();
}
