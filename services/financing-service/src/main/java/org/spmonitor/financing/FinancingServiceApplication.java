package org.spmonitor.financing;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** SP&PFM financing reports and exchange rates. Publishes financing events. */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "spmonitor financing-service", version = "v1",
        description = "SP&PFM financing reports (allocated and executed social protection spending by function and "
                + "funding source, in any ISO 4217 currency) and the annual average exchange rates to USD that "
                + "dashboards convert them with. Rates are unitsPerUsd: units of the currency per 1 USD. Amounts are "
                + "decimals, never binary floating point. Errors are RFC 9457 problem details naming each field."))
public class FinancingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FinancingServiceApplication.class, args);
    }
}
