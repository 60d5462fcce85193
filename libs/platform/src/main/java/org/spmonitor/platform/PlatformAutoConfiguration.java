package org.spmonitor.platform;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.messaging.DeadLetters;
import org.spmonitor.platform.messaging.KafkaBatches;
import org.spmonitor.platform.messaging.StaticGroupMembership;
import org.spmonitor.platform.outbox.OutboxProperties;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.store.MongoPingHealthIndicator;
import org.spmonitor.platform.tracing.TraceHeaders;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.web.ProblemDetailsAdvice;
import org.spmonitor.platform.write.SubmissionMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What every spmonitor service needs once: CloudEvents codec, outbox relay, a byte-valued Kafka
 * template, dead letters, consumer back-off, contract topics, problem details.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ OutboxProperties.class, PlatformProperties.class })
public class PlatformAutoConfiguration {

    /**
     * This instance's stable name, the same across restarts and distinct between instances of one
     * service (the pod name, say): a restarted instance takes back its outbox lease at once.
     */
    public static final String INSTANCE_ID_PROPERTY = "spmonitor.instance-id";

    /**
     * The W3C trace context of our events, through Micrometer Tracing's tracer (OpenTelemetry bridge);
     * without one (tracing disabled) every event still gets a {@code traceparent} of its own.
     */
    @Bean
    @ConditionalOnMissingBean
    TraceHeaders traceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return TraceHeaders.of(tracer.getIfUnique(), propagator.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(@Value("${spring.application.name:spmonitor}") String applicationName,
            TraceHeaders traces) {
        return new EventCodec("/spmonitor/" + applicationName, traces);
    }

    @Bean
    @ConditionalOnMissingBean
    ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        // Boot adds this listener only to the factory it builds itself; without it this factory's producers
        // (the outbox relay, dead-letter publishing) publish no kafka.producer.* client metrics
        meters.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return factory;
    }

    @Bean
    @ConditionalOnMissingBean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, EventCodec codec,
            OutboxProperties properties, MeterRegistry meters, Environment environment) {
        return new OutboxRelay(mongo, kafka, codec, properties, meters,
                environment.getProperty(INSTANCE_ID_PROPERTY));
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        return new DeadLetters(kafka, meters);
    }

    /**
     * The consumers (Spring Cloud Stream bindings, ADR 0013) of an instance with a stable name
     * ({@value #INSTANCE_ID_PROPERTY}) join their groups as static members, so that after a crash the
     * restarted instance gets its partitions back at once instead of after the dead members' session
     * timeout. The Kafka binder applies it to every binding's listener container.
     */
    @Bean
    @ConditionalOnMissingBean
    StaticGroupMembership staticGroupMembership(Environment environment) {
        return new StaticGroupMembership(environment.getProperty(INSTANCE_ID_PROPERTY));
    }

    /** What batch bindings name as their converter: each poll's records themselves ({@link KafkaBatches}). */
    @Bean(KafkaBatches.CONVERTER)
    @ConditionalOnMissingBean(name = KafkaBatches.CONVERTER)
    BatchMessagingMessageConverter spmonitorBatchConverter() {
        return KafkaBatches.converter();
    }

    /**
     * Consumers (every batch binding names it as its {@code common-error-handler-bean-name}): a failure
     * that is not a poison record (database down, broker hiccup) retries the whole batch with back-off,
     * for ever, without committing its offsets. Poison records are dead-lettered by the function
     * itself, so good records keep flowing. Once a retry succeeds the
     * batch's offsets are committed (ack after handle): left uncommitted, a recovered batch would stay
     * as lag, and be delivered again after a restart, until a later batch on the same partitions
     * happened to commit past it. A retry cut short by a stop throws, so nothing is committed then.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
            throw new IllegalStateException("retries never end; this recoverer is unreachable", ex);
        }, backOff);
        handler.setAckAfterHandle(true);
        handler.setRetryListeners(new FailedBatchLogger());
        return handler;
    }

    /** Says why a batch failed and that it will be retried; without it a stuck consumer is silent. */
    static final class FailedBatchLogger implements RetryListener {

        private static final Logger log = LoggerFactory.getLogger(FailedBatchLogger.class);

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            log.warn("Record {}-{}@{} failed (attempt {}), retrying with back-off: {}", record.topic(),
                    record.partition(), record.offset(), deliveryAttempt, cause(ex));
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            log.warn("A batch of {} records from {} failed (attempt {}), retrying with back-off, offsets not "
                    + "committed: {}", records.count(), records.partitions(), deliveryAttempt, cause(ex));
        }

        /** The exception the listener threw, not the container's wrapper around it. */
        private static String cause(Exception ex) {
            return NestedExceptionUtils.getMostSpecificCause(ex).toString();
        }
    }

    /** The contract topics, explicitly provisioned ({@link ContractTopics}); off where an operator creates them. */
    @Bean
    @ConditionalOnProperty(name = "spmonitor.kafka.create-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics spmonitorTopics(PlatformProperties properties) {
        return new KafkaAdmin.NewTopics(ContractTopics.all(properties).toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    @ConditionalOnMissingBean
    Idempotency idempotency(MongoTemplate mongo, EventCodec codec) {
        return new Idempotency(mongo, codec.mapper());
    }

    @Bean
    @ConditionalOnMissingBean
    SubmissionMetrics submissionMetrics(MeterRegistry meters) {
        return new SubmissionMetrics(meters);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
