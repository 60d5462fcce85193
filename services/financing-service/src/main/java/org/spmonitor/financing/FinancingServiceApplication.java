package org.spmonitor.financing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** SP&PFM financing reports and exchange rates. Publishes financing events. */
@SpringBootApplication
public class FinancingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FinancingServiceApplication.class, args);
    }
}
