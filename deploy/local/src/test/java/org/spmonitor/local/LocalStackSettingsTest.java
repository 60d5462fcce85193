package org.spmonitor.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackSettingsTest {

    @Test
    void defaultsAreTheDocumentedPortsAndDotData() {
        LocalStackSettings settings = LocalStackSettings.parse(List.of(), new Properties());

        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.mongoPort()).isEqualTo(27017);
        assertThat(settings.issuerPort()).isEqualTo(9000);
        assertThat(settings.servicePorts()).containsExactlyInAnyOrderEntriesOf(Map.of(LocalService.REPORTING, 8080,
                LocalService.PROGRAMME, 8081, LocalService.FINANCING, 8082, LocalService.BENEFICIARY, 8083));
        assertThat(settings.demo()).isFalse();
    }

    @Test
    void argumentsOutrankSystemPropertiesWhichOutrankDefaults() {
        Properties system = new Properties();
        system.setProperty("spmonitor.local.kafka-port", "19092");
        system.setProperty("spmonitor.local.mongo-port", "37017");
        system.setProperty("spmonitor.unrelated", "ignored");

        LocalStackSettings settings = LocalStackSettings.parse(List.of("--mongo-port=47017", "--programme-port=18081",
                "--issuer-port=19000", "--data=/tmp/spm", "--demo"), system);

        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.mongoPort()).isEqualTo(47017);
        assertThat(settings.port(LocalService.PROGRAMME)).isEqualTo(18081);
        assertThat(settings.issuerPort()).isEqualTo(19000);
        assertThat(settings.port(LocalService.REPORTING)).isEqualTo(8080);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/spm"));
        assertThat(settings.demo()).isTrue();
    }

    @Test
    void theBrokerSyncsEachAppendOnlyWhenAskedTo(@TempDir Path data) {
        assertThat(LocalStackSettings.parse(List.of(), new Properties()).kafkaFsync()).isFalse();
        assertThat(LocalStackSettings.parse(List.of("--kafka-fsync"), new Properties()).kafkaFsync()).isTrue();
        Properties system = new Properties();
        system.setProperty("spmonitor.local.kafka-fsync", "true");
        assertThat(LocalStackSettings.parse(List.of(), system).kafkaFsync()).isTrue();
        assertThat(LocalStackSettings.parse(List.of("--kafka-fsync=false"), system).kafkaFsync()).isFalse();
        assertThat(LocalStack.builder().kafkaFsync(true).settings().kafkaFsync()).isTrue();

        assertThat(KafkaBroker.brokerProperties(data, 9092, 9093, true).getProperty("log.flush.interval.messages"))
                .isEqualTo("1");
        // by default Kafka leaves flushing to the OS (and acknowledges from the page cache)
        assertThat(KafkaBroker.brokerProperties(data, 9092, 9093, false).getProperty("log.flush.interval.messages"))
                .isNull();
    }

    @Test
    void clusterModeRunsThreeBrokersAndTwoInstancesOfEachWriteService() {
        LocalStackSettings single = LocalStackSettings.parse(List.of(), new Properties());
        assertThat(single.topology()).isEqualTo(LocalStackSettings.Topology.SINGLE);

        LocalStackSettings cluster = LocalStackSettings.parse(List.of("--cluster"), new Properties());
        assertThat(cluster.topology().brokers()).isEqualTo(3);
        assertThat(cluster.topology().instancesOf(LocalService.BENEFICIARY)).isEqualTo(2);
        // reporting-service's second instance only when asked for (issue 11, item 2)
        assertThat(cluster.topology().instancesOf(LocalService.REPORTING)).isEqualTo(1);
        assertThat(LocalStackSettings.parse(List.of("--cluster", "--reporting-instances=2"), new Properties())
                .topology().instancesOf(LocalService.REPORTING)).isEqualTo(2);
        assertThat(LocalStack.builder().cluster(2).settings().topology()).isEqualTo(new LocalStackSettings.Topology(3,
                2, 2));

        assertThatThrownBy(() -> LocalStackSettings.parse(List.of("--reporting-instances=2"), new Properties()))
                .hasMessageContaining("needs --cluster");
        assertThatThrownBy(() -> LocalStackSettings.parse(List.of("--cluster", "--reporting-instances=3"),
                new Properties())).hasMessageContaining("--reporting-instances must be 1 or 2");
    }

    @Test
    void threeBrokersReplicateEverythingThreeTimesAndAcknowledgeOnTwo(@TempDir Path data) {
        Properties node2 = KafkaBroker.brokerProperties(data, 2, 19093, Map.of(1, 20001, 2, 20002, 3, 20003), false);

        assertThat(node2.getProperty("node.id")).isEqualTo("2");
        assertThat(node2.getProperty("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:20001,2@127.0.0.1:20002,3@127.0.0.1:20003");
        assertThat(node2.getProperty("listeners")).contains(":19093", ":20002");
        for (String replication : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor")) {
            assertThat(node2.getProperty(replication)).as(replication).isEqualTo("3");
        }
        assertThat(node2.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(node2.getProperty("log.retention.ms")).isEqualTo("-1");

        Properties single = KafkaBroker.brokerProperties(data, 9092, 9093, false);
        assertThat(single.getProperty("default.replication.factor")).isEqualTo("1");
        assertThat(single.getProperty("min.insync.replicas")).isEqualTo("1");
    }

    @Test
    void springPropertiesArePassedToTheServices() {
        LocalStackSettings settings = LocalStackSettings.parse(
                List.of("--logging.level.org.spmonitor=DEBUG", "--spmonitor.outbox.poll-interval=2s"), new Properties());

        assertThat(settings.serviceProperties()).containsExactly(Map.entry("logging.level.org.spmonitor", "DEBUG"),
                Map.entry("spmonitor.outbox.poll-interval", "2s"));
    }

    @Test
    void rejectsUnknownOptionsAndPortsThatAreNotPorts() {
        assertThatThrownBy(() -> LocalStackSettings.parse(List.of("--kafka-prot=1"), new Properties()))
                .hasMessageContaining("unknown option(s) kafka-prot");
        assertThatThrownBy(() -> LocalStackSettings.parse(List.of("--kafka-port=ninety"), new Properties()))
                .hasMessageContaining("--kafka-port must be a port number");
        assertThatThrownBy(() -> LocalStackSettings.parse(List.of("--mongo-port=70000"), new Properties()))
                .hasMessageContaining("--mongo-port must be a port number");
    }

    @Test
    void refusesToStartWhenAPortIsTakenNamingThePortAndTheOptionThatMovesIt(@TempDir Path data) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LocalStack.builder().dataDir(data).anyFreePorts().mongoPort(port).start())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("port " + port + " (Mongo-wire server)")
                    .hasMessageContaining("--mongo-port=<port>");
        }
    }
}
