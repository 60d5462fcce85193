package org.spmonitor.programme.countryprogramme.web;

import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.web.ProblemDetailsAdvice;
import org.spmonitor.platform.web.RequestBodySpool;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.programme.countryprogramme.domain.InMemoryProgrammeRepository;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;
import org.spmonitor.programme.countryprogramme.domain.Programmes;
import org.spmonitor.testsupport.SharedInfrastructure;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The web slice's collaborators, all real: the use cases over the in-memory repository on the
 * mother's fixed clock, idempotency keys in the shared Mongo-wire server, and the problem details.
 */
@TestConfiguration(proxyBeanMethods = false)
class WebSliceConfiguration {

    @Bean
    InMemoryProgrammeRepository programmeRepository() {
        return new InMemoryProgrammeRepository();
    }

    @Bean
    ProgrammeService programmeService(InMemoryProgrammeRepository repository) {
        return new ProgrammeService(repository, Programmes.clock());
    }

    @Bean(destroyMethod = "close")
    MongoClient idempotencyMongoClient() {
        return MongoClients.create(SharedInfrastructure.mongoUri("web-slice"));
    }

    @Bean
    Idempotency idempotency(MongoClient client) {
        return new Idempotency(new MongoTemplate(client, "web-slice-" + UUID.randomUUID()), JsonMapper.builder().build());
    }

    /** The platform's body hashing for Idempotency-Key requests, as the running service has it. */
    @Bean
    FilterRegistrationBean<RequestBodySpool> requestBodySpool() {
        return new FilterRegistrationBean<>(new RequestBodySpool());
    }

    @Bean
    SubmissionMetrics submissionMetrics() {
        return new SubmissionMetrics(new SimpleMeterRegistry());
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
