package org.spmonitor.programme;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Country programmes: registration, results framework, milestones. Publishes programme events. */
@SpringBootApplication
public class ProgrammeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProgrammeServiceApplication.class, args);
    }
}
