package org.spmonitor.beneficiary;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beneficiary counts: REST, imports and Kafka ingestion. Publishes beneficiary count events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BeneficiaryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BeneficiaryServiceApplication.class, args);
    }
}
