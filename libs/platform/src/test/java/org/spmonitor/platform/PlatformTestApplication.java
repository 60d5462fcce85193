package org.spmonitor.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service that uses the platform auto-configuration, for the platform's own tests. */
@SpringBootApplication
public class PlatformTestApplication {
}
