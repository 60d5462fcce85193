package org.spmonitor.beneficiary.ingestion.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxWait how long an inbound submission whose programme is not yet known waits for the
 *        programme's event before it is refused
 * @param sweepInterval how often parked submissions are looked at again (the safety net; normally a
 *        programme event releases them at once)
 */
@ConfigurationProperties("spmonitor.beneficiary.parking")
public record ParkingProperties(Duration maxWait, Duration sweepInterval) {

    public ParkingProperties {
        maxWait = maxWait == null ? Duration.ofHours(24) : maxWait;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
    }
}
