package org.spmonitor.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class WriteRateLimiterTest {

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsABurstUpToTheLimitThenAsksToWaitUntilATokenIsBack() {
        MovableClock clock = new MovableClock();
        WriteRateLimiter limiter = new WriteRateLimiter(60, clock);

        for (int i = 0; i < 60; i++) {
            assertThat(limiter.tryAcquire("khm-team")).as("write %d", i).isZero();
        }
        assertThat(limiter.tryAcquire("khm-team")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("khm-team")).isZero();
        assertThat(limiter.tryAcquire("khm-team")).isPositive();
    }

    @Test
    void limitsEachClientOnItsOwn() {
        WriteRateLimiter limiter = new WriteRateLimiter(1, new MovableClock());

        assertThat(limiter.tryAcquire("khm-team")).isZero();
        assertThat(limiter.tryAcquire("khm-team")).isEqualTo(60);
        assertThat(limiter.tryAcquire("sen-team")).isZero();
    }
}
