package org.spmonitor.local;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import com.mongodb.client.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The parts of a running stack that fault tests and chaos runs stop and start again one at a time
 * (the broker, the Mongo-wire server, each service) while the others keep running. A stopped part
 * comes back at the same address, with the same storage. {@link LocalStack} calls these under its
 * own lock, and only while it is open.
 */
final class FaultHooks {

    private static final Logger log = LoggerFactory.getLogger(FaultHooks.class);

    private final LocalStackSettings settings;
    private final ServiceLauncher launcher;
    // null while stopped
    private volatile MongoWireServer mongo;
    private volatile KafkaBroker kafka;
    private final Map<LocalService, ConfigurableApplicationContext> services;

    FaultHooks(LocalStackSettings settings, ServiceLauncher launcher, MongoWireServer mongo, KafkaBroker kafka,
            Map<LocalService, ConfigurableApplicationContext> services) {
        this.settings = settings;
        this.launcher = launcher;
        this.mongo = mongo;
        this.kafka = kafka;
        this.services = Collections.synchronizedMap(new EnumMap<>(services));
    }

    void stopKafka() {
        KafkaBroker running = kafka;
        if (running != null) {
            kafka = null;
            running.close();
            log.info("Kafka broker stopped (fault hook); its storage stays in {}", settings.dataDir().resolve("kafka"));
        }
    }

    void startKafka() {
        if (kafka == null) {
            KafkaBroker started = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.controllerPort(), settings.kafkaFsync());
            kafka = started;
            log.info("Kafka broker started again at {} (fault hook)", started.bootstrapServers());
        }
    }

    boolean isKafkaRunning() {
        return kafka != null;
    }

    void stopMongo() {
        MongoWireServer running = mongo;
        if (running != null) {
            mongo = null;
            running.close();
            log.info("Mongo-wire server stopped (fault hook); its data stays in {}", running.file());
        }
    }

    void startMongo() {
        if (mongo == null) {
            MongoWireServer started = MongoWireServer.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
            mongo = started;
            log.info("Mongo-wire server started again at {} (fault hook)", started.uri());
        }
    }

    boolean isMongoRunning() {
        return mongo != null;
    }

    void stopService(LocalService service) {
        ConfigurableApplicationContext context = services.remove(service);
        if (context != null) {
            context.close();
            log.info("{} stopped (fault hook)", service.serviceName());
        }
    }

    void crashService(LocalService service) {
        ConfigurableApplicationContext context = services.remove(service);
        if (context != null) {
            context.getBeansOfType(MongoClient.class).values().forEach(MongoClient::close);
            context.close();
            log.info("{} crashed (fault hook: its database connections were cut, then it stopped)",
                    service.serviceName());
        }
    }

    void startService(LocalService service) {
        if (!services.containsKey(service)) {
            services.put(service, launcher.start(service));
            log.info("{} started again (fault hook)", service.serviceName());
        }
    }

    boolean isServiceRunning(LocalService service) {
        return services.containsKey(service);
    }

    /** The Spring context of a service; null while it is stopped. */
    ConfigurableApplicationContext context(LocalService service) {
        return services.get(service);
    }

    /** Closes what runs: the services (writers first), then the broker, then the Mongo-wire server. */
    void closeAll() {
        ServiceLauncher.closeAll(Map.copyOf(services));
        Closing.quietly("Kafka broker", kafka);
        Closing.quietly("Mongo-wire server", mongo);
    }
}
