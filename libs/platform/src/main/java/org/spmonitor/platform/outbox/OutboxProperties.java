package org.spmonitor.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param collections the Mongo collections holding {@link OutboxDocument}s of this service
 * @param pollInterval how often the relay looks for unpublished events (the safety net)
 * @param batchSize how many documents one relay pass reads per collection
 * @param leaseTtl how long the relay lease lasts without renewal; one instance relays at a time
 * @param sendTimeout how long to wait for the broker to acknowledge a pass
 */
@ConfigurationProperties("spmonitor.outbox")
public record OutboxProperties(List<String> collections, Duration pollInterval, int batchSize, Duration leaseTtl,
        Duration sendTimeout) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        batchSize = batchSize <= 0 ? 500 : batchSize;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(10) : leaseTtl;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
    }
}
