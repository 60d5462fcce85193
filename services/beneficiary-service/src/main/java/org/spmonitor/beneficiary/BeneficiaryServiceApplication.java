package org.spmonitor.beneficiary;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Beneficiary counts: REST, imports and Kafka ingestion. Publishes beneficiary count events. */
@SpringBootApplication
public class BeneficiaryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BeneficiaryServiceApplication.class, args);
    }
}
