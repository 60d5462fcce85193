package org.spmonitor.programme.countryprogramme.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.tags.Tag;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title, description and tags of the OpenAPI document at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROGRAMMES = "Programmes";
    static final String MILESTONES = "Milestones";
    static final String INDICATORS = "Results indicators";

    @Bean
    OpenAPI programmeServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("spmonitor programme-service").version("v1")
                        .description("Country programmes of social protection (ILO Recommendation No. 202 floor "
                                + "guarantees, C102 branches, target groups and annual targets), their milestones "
                                + "and their results indicators. Every change makes a new version of the programme "
                                + "and publishes a CloudEvent on the Kafka topic programmes.programme-events.v1. "
                                + "Errors are RFC 9457 problem details; invalid input is a 400 whose `errors` name "
                                + "each bad field. Every POST accepts an `Idempotency-Key` header.")
                        .license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
                .addTagsItem(new Tag().name(PROGRAMMES).description(
                        "Register, replace, read and list country programmes; read their version history"))
                .addTagsItem(new Tag().name(MILESTONES).description(
                        "Milestones of a programme and their status changes, each with a dated note"))
                .addTagsItem(new Tag().name(INDICATORS).description(
                        "The results framework: indicators with unit, baseline and target, and actual values "
                                + "per period"));
    }
}
