package org.spmonitor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.spmonitor.platform.ContractTopics;
import org.spmonitor.platform.PlatformProperties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What CI can check of the deployment files without Docker or kubectl: docker-compose.yml, the
 * kustomization of deploy/k8s and the Prometheus configuration parse; every file a kustomization or a
 * compose volume names exists; every image is pinned to a tag; every environment variable they give a
 * service is read by it; Prometheus authenticates as a client the issuers know.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("deploy/k8s");

    /**
     * Spring Boot properties the files set by environment variable that are Boot's own (not in the
     * services' configuration files): canonical form (lower case, no separators) of each.
     */
    private static final Set<String> BOOT_PROPERTIES = Set.of("springkafkasecurityprotocol", "springkafkasslbundle",
            "springmongodbsslenabled", "springmongodbsslbundle", "loggingstructuredformatconsole");

    /** Boot properties that are maps (any key below them binds). */
    private static final List<String> BOOT_MAP_PROPERTIES = List.of("SPRING_KAFKA_PROPERTIES_",
            "SPRING_SSL_BUNDLE_PEM_");

    /** Read by the JVM or the image, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    @Test
    void composeParsesItsServicesDependOnExistingServicesAndItsMountsExist() {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Object> services = map(compose.get("services"));

        assertThat(services).containsKeys("kafka", "kafka-topics", "mongo", "programme-service", "financing-service",
                "beneficiary-service", "reporting-service", "prometheus", "grafana");
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(services).as("depends_on of %s", name).containsKeys(map(dependsOn).keySet().toArray(String[]::new));
            }
            for (Object volume : list(service.get("volumes"))) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as("volume of %s", name).exists();
                }
            }
            assertThat(service).as("memory limit of %s", name).containsKey("mem_limit");
        });
    }

    @Test
    void everyKubernetesFileParsesAndTheKustomizationListsExactlyTheFilesThatExist() throws IOException {
        Map<String, Object> kustomization = yaml(K8S.resolve("kustomization.yaml")).get(0);
        List<String> resources = list(kustomization.get("resources")).stream().map(Object::toString).toList();
        Set<String> files = new LinkedHashSet<>();
        try (Stream<Path> listing = Files.list(K8S)) {
            listing.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml")).forEach(files::add);
        }

        assertThat(resources).containsExactlyInAnyOrderElementsOf(files);
        for (String resource : resources) {
            for (Map<String, Object> document : yaml(K8S.resolve(resource))) {
                assertThat(document).as(resource).containsKeys("apiVersion", "kind", "metadata");
                assertThat(document.get("kind")).as("no Secret in the kustomization (%s)", resource).isNotEqualTo("Secret");
            }
        }
    }

    @Test
    void everyWorkloadHasAStartupProbeADisruptionBudgetAndOnlyTheProvenReplicas() {
        Map<String, Map<String, Object>> deployments = kubernetes("Deployment");
        Set<String> budgets = kubernetes("PodDisruptionBudget").keySet();
        Set<String> autoscaled = kubernetes("HorizontalPodAutoscaler").keySet();

        assertThat(deployments).hasSize(4);
        deployments.forEach((name, deployment) -> {
            for (Object container : list(path(deployment, "spec", "template", "spec", "containers"))) {
                assertThat(map(container)).as("probes of %s", name)
                        .containsKeys("startupProbe", "readinessProbe", "livenessProbe");
            }
            assertThat(budgets).as("PodDisruptionBudget").contains(name);
        });
        // two reporting-service instances are what MultiInstanceProjectionIntegrationTest proves (ADR 0012):
        // never more, never autoscaled
        assertThat(path(deployments.get("reporting-service"), "spec", "replicas")).isEqualTo(2);
        assertThat(autoscaled).containsExactlyInAnyOrder("programme-service", "financing-service", "beneficiary-service");
    }

    @Test
    void everyEventTopicIsProvisionedWithInfiniteRetention() {
        Map<String, Map<String, Object>> topics = kubernetes("KafkaTopic");

        assertThat(topics.values()).allSatisfy(topic -> {
            Map<String, Object> config = map(path(topic, "spec", "config"));
            assertThat(config.get("retention.ms")).isEqualTo(-1);
            assertThat(config.get("retention.bytes")).isEqualTo(-1);
            assertThat(config.get("cleanup.policy")).isEqualTo("delete");
            assertThat(path(topic, "spec", "replicas")).isEqualTo(3);
            assertThat(config.get("min.insync.replicas")).isEqualTo(2);
        });
        List<String> names = topics.values().stream().map(topic -> path(topic, "spec", "topicName").toString()).toList();
        for (String topic : eventTopics()) {
            assertThat(names).contains(topic, topic + ".dlt");
        }
        String composeTopics = read(ROOT.resolve("docker-compose.yml"));
        for (String topic : eventTopics()) {
            assertThat(composeTopics).as("compose creates %s", topic).contains(topic);
        }
        assertThat(composeTopics).contains("retention.ms=-1", "retention.bytes=-1");
    }

    /**
     * Issue 11, item 4: the services (libs/platform ContractTopics), the compose init container and the
     * Strimzi KafkaTopics provision exactly the same topics, with the same partitions (a key's partition
     * depends on it) and a retention that keeps the whole log (deletion never by age or size, no
     * compaction), each topic documented in docs/scaling.md; the replication of each fits its brokers.
     */
    @Test
    void codeComposeAndKubernetesProvisionTheSameTopicsWithTheSamePartitionsAndWholeHistory() {
        PlatformProperties defaults = new PlatformProperties(true, 0, (short) 0, 0);
        Map<String, TopicSpec> code = new LinkedHashMap<>();
        for (NewTopic topic : ContractTopics.all(defaults)) {
            code.put(topic.name(), new TopicSpec(topic.numPartitions(), topic.replicationFactor(), topic.configs()));
        }
        Map<String, TopicSpec> compose = composeTopics();
        Map<String, TopicSpec> k8s = new LinkedHashMap<>();
        kubernetes("KafkaTopic").values().forEach(topic -> {
            Map<String, String> config = new LinkedHashMap<>();
            map(path(topic, "spec", "config")).forEach((key, value) -> config.put(key, String.valueOf(value)));
            k8s.put(path(topic, "spec", "topicName").toString(), new TopicSpec(
                    (Integer) path(topic, "spec", "partitions"), (Integer) path(topic, "spec", "replicas"), config));
        });
        String scaling = read(ROOT.resolve("docs/scaling.md"));

        assertThat(code.keySet()).hasSize(2 * eventTopics().size()).containsAll(eventTopics());
        assertThat(compose.keySet()).as("compose").containsExactlyInAnyOrderElementsOf(code.keySet());
        assertThat(k8s.keySet()).as("k8s").containsExactlyInAnyOrderElementsOf(code.keySet());
        code.forEach((name, spec) -> {
            for (Map.Entry<String, TopicSpec> where : Map.of("code", spec, "compose", compose.get(name), "k8s",
                    k8s.get(name)).entrySet()) {
                TopicSpec topic = where.getValue();
                assertThat(topic.partitions()).as("partitions of %s in %s", name, where.getKey())
                        .isEqualTo(defaults.partitions());
                assertThat(topic.config()).as("retention of %s in %s", name, where.getKey())
                        .containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1")
                        .containsEntry("cleanup.policy", "delete");
                assertThat(Integer.parseInt(topic.config().get("min.insync.replicas")))
                        .as("min.insync.replicas of %s in %s", name, where.getKey())
                        .isLessThanOrEqualTo(topic.replicas());
            }
            assertThat(scaling).as("docs/scaling.md documents %s", name).contains("`" + name + "`");
        });
        // compose runs one broker; k8s (Strimzi) three: an acks=all record on two of them
        String composeBrokerIsr = map(map(map(yaml(ROOT.resolve("docker-compose.yml")).get(0).get("services"))
                .get("kafka")).get("environment")).get("KAFKA_MIN_INSYNC_REPLICAS").toString();
        assertThat(compose.values()).allSatisfy(topic -> {
            assertThat(topic.replicas()).isEqualTo(1);
            assertThat(topic.config()).containsEntry("min.insync.replicas", composeBrokerIsr);
        });
        assertThat(k8s.values()).allSatisfy(topic -> {
            assertThat(topic.replicas()).isEqualTo(3);
            assertThat(topic.config()).containsEntry("min.insync.replicas", "2");
        });
    }

    /** What a file provisions for one topic. */
    private record TopicSpec(int partitions, int replicas, Map<String, String> config) {
    }

    /**
     * The topics the compose init container creates: the names its loop runs over (each also with
     * {@code .dlt}), and the partitions, replication and configuration of its {@code kafka-topics.sh
     * --create} and {@code kafka-configs.sh --alter} commands.
     */
    private static Map<String, TopicSpec> composeTopics() {
        Map<String, Object> init = map(map(yaml(ROOT.resolve("docker-compose.yml")).get(0).get("services"))
                .get("kafka-topics"));
        String script = String.join("\n", list(init.get("command")).stream().map(Object::toString).toList())
                .replace("\\\n", " ");
        Matcher loop = Pattern.compile("for topic in ([^;]+);").matcher(script);
        assertThat(loop.find()).as("the loop over the topics of compose's kafka-topics").isTrue();
        assertThat(script).contains("for name in \"$$topic\" \"$$topic.dlt\"");
        Matcher partitions = Pattern.compile("--partitions (\\d+)").matcher(script);
        Matcher replicas = Pattern.compile("--replication-factor (\\d+)").matcher(script);
        assertThat(partitions.find() && replicas.find()).as("partitions and replication in compose").isTrue();
        Map<String, String> created = new LinkedHashMap<>();
        Matcher config = Pattern.compile("--config (\\S+)=(\\S+)").matcher(script);
        while (config.find()) {
            created.put(config.group(1), config.group(2));
        }
        Map<String, String> altered = new LinkedHashMap<>();
        Matcher alter = Pattern.compile("--add-config (\\S+)").matcher(script);
        assertThat(alter.find()).as("compose brings topics made earlier to the same settings").isTrue();
        for (String entry : alter.group(1).split(",")) {
            altered.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        assertThat(altered).as("compose alters existing topics to what it creates").isEqualTo(created);
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        for (String topic : loop.group(1).trim().split("\\s+")) {
            for (String name : List.of(topic, topic + ".dlt")) {
                topics.put(name, new TopicSpec(Integer.parseInt(partitions.group(1)),
                        Integer.parseInt(replicas.group(1)), created));
            }
        }
        return topics;
    }

    @Test
    void everyImageIsPinnedToATag() {
        List<String> images = new ArrayList<>();
        map(yaml(ROOT.resolve("docker-compose.yml")).get(0).get("services")).values().stream()
                .map(service -> map(service).get("image")).filter(image -> image != null).map(Object::toString)
                .forEach(images::add);
        kubernetes("Deployment").values().forEach(deployment -> list(path(deployment, "spec", "template", "spec",
                "containers")).forEach(container -> images.add(map(container).get("image").toString())));
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(read(ROOT.resolve("deploy/docker/Dockerfile")));
        while (from.find()) {
            images.add(from.group(1));
        }

        assertThat(images).hasSizeGreaterThan(10).allSatisfy(image -> {
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertThat(tag).as(image).contains(":");
            assertThat(tag.substring(tag.indexOf(':') + 1)).as(image).isNotBlank().isNotEqualTo("latest");
        });
    }

    @Test
    void everyEnvironmentVariableGivenToAServiceIsReadByIt() {
        Set<String> known = knownProperties();
        Map<String, String> variables = new LinkedHashMap<>();
        map(yaml(ROOT.resolve("docker-compose.yml")).get(0).get("services")).forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            if (service.containsKey("build")) {
                map(service.get("environment")).keySet().forEach(variable -> variables.put(variable, "compose " + name));
            }
        });
        kubernetes("ConfigMap").values().forEach(config -> map(config.get("data")).keySet()
                .forEach(variable -> variables.put(variable, "ConfigMap")));
        kubernetes("Deployment").forEach((name, deployment) -> list(path(deployment, "spec", "template", "spec",
                "containers")).forEach(container -> list(map(container).get("env"))
                        .forEach(env -> variables.put(map(env).get("name").toString(), "k8s " + name))));

        assertThat(variables).isNotEmpty();
        variables.forEach((variable, where) -> assertThat(isRead(variable, known))
                .as("%s (%s) is read by no service", variable, where).isTrue());
    }

    @Test
    void prometheusAuthenticatesAsAClientOfBothIssuersWithTheMetricsRole() {
        Map<String, Object> prometheus = yaml(ROOT.resolve("deploy/observability/prometheus.yml")).get(0);
        List<Object> jobs = list(prometheus.get("scrape_configs"));

        assertThat(jobs).isNotEmpty().allSatisfy(job -> {
            Map<String, Object> oauth2 = map(map(job).get("oauth2"));
            String client = oauth2.get("client_id").toString();
            String secret = oauth2.get("client_secret").toString();
            assertThat(oauth2.get("token_url").toString()).startsWith("http://keycloak:8080/realms/spmonitor/");
            // the compose issuer (Keycloak realm) ...
            Map<String, Object> realmClient = list(yaml(ROOT.resolve("deploy/keycloak/spmonitor-realm.json")).get(0)
                    .get("clients")).stream().map(DeploymentFilesTest::map)
                    .filter(candidate -> client.equals(candidate.get("clientId"))).findFirst().orElseThrow();
            assertThat(realmClient.get("secret")).isEqualTo(secret);
            assertThat(realmClient.toString()).contains("claim.name=roles, claim.value=[\"metrics\"]");
            // ... and the embedded one know it, with the role that may read /actuator/prometheus
            assertThat(LocalTokenIssuer.CLIENTS).anySatisfy(known -> {
                assertThat(known.id()).isEqualTo(client);
                assertThat(known.secret()).isEqualTo(secret);
                assertThat(known.roles()).containsExactly("metrics");
            });
        });
    }

    @Test
    void keycloakRealmHoldsTheMachineClientsAndUsersOfTheEmbeddedIssuerWithTheSameClaims() {
        Map<String, Object> realm = yaml(ROOT.resolve("deploy/keycloak/spmonitor-realm.json")).get(0);
        Map<String, Map<String, Object>> clients = byName(realm.get("clients"), "clientId");
        Map<String, Map<String, Object>> groups = byName(realm.get("groups"), "name");
        Map<String, Map<String, Object>> users = byName(realm.get("users"), "username");

        assertThat(LocalTokenIssuer.CLIENTS).isNotEmpty().allSatisfy(known -> {
            Map<String, Object> client = clients.get(known.id());
            assertThat(client).as("realm client %s", known.id()).isNotNull();
            assertThat(client.get("secret")).isEqualTo(known.secret());
            assertThat(client.get("serviceAccountsEnabled")).as("client-credentials grant").isEqualTo(true);
            assertThat(hardcodedClaim(client, "roles")).isEqualTo(known.roles());
            assertThat(hardcodedClaim(client, "countries")).isEqualTo(known.countries());
        });
        assertThat(LocalTokenIssuer.USERS).isNotEmpty().allSatisfy(known -> {
            Map<String, Object> user = users.get(known.username());
            assertThat(user).as("realm user %s", known.username()).isNotNull();
            assertThat(user.get("enabled")).isEqualTo(true);
            assertThat(list(user.get("credentials"))).singleElement().satisfies(credential -> {
                assertThat(map(credential).get("type")).isEqualTo("password");
                assertThat(map(credential).get("value")).isEqualTo(known.password());
                assertThat(map(credential).get("temporary")).isEqualTo(false);
            });
            // roles and countries: attributes of the user's group, which the web client's mappers put in the token
            Map<String, Object> attributes = list(user.get("groups")).stream()
                    .map(group -> groups.get(group.toString().substring(1))).map(group -> map(group.get("attributes")))
                    .reduce(new LinkedHashMap<>(), (all, one) -> {
                        all.putAll(one);
                        return all;
                    });
            assertThat(list(attributes.get("roles"))).isEqualTo(known.roles());
            assertThat(list(attributes.get("countries"))).isEqualTo(known.countries());
        });
    }

    @Test
    void keycloakRealmHasThePublicPkceClientOfTheWebAppThatComposeConfigures() {
        Map<String, Object> realm = yaml(ROOT.resolve("deploy/keycloak/spmonitor-realm.json")).get(0);
        Map<String, Object> web = byName(realm.get("clients"), "clientId").get(LocalTokenIssuer.WEB_CLIENT_ID);

        assertThat(web).isNotNull();
        assertThat(web.get("publicClient")).as("no secret in a browser").isEqualTo(true);
        assertThat(web).doesNotContainKey("secret");
        assertThat(web.get("standardFlowEnabled")).as("authorization code").isEqualTo(true);
        assertThat(web.get("implicitFlowEnabled")).isEqualTo(false);
        assertThat(web.get("directAccessGrantsEnabled")).as("no password grant").isEqualTo(false);
        assertThat(web.get("serviceAccountsEnabled")).isEqualTo(false);
        Map<String, Object> attributes = map(web.get("attributes"));
        assertThat(attributes.get("pkce.code.challenge.method")).isEqualTo("S256");
        assertThat(list(web.get("redirectUris"))).contains("http://127.0.0.1:8080/", "http://localhost:8080/");
        assertThat(attributes.get("post.logout.redirect.uris").toString().split("##"))
                .contains("http://127.0.0.1:8080/");
        assertThat(list(web.get("webOrigins"))).as("CORS of the token endpoint").contains("http://127.0.0.1:8080");
        assertThat(list(web.get("protocolMappers")).stream().map(DeploymentFilesTest::map)
                .filter(mapper -> "oidc-usermodel-attribute-mapper".equals(mapper.get("protocolMapper")))
                .map(mapper -> map(mapper.get("config"))))
                .allSatisfy(config -> {
                    assertThat(config.get("user.attribute")).isEqualTo(config.get("claim.name"));
                    assertThat(config.get("aggregate.attrs")).as("attributes of the user's groups").isEqualTo("true");
                    assertThat(config.get("access.token.claim")).isEqualTo("true");
                })
                .extracting(config -> config.get("claim.name")).containsExactlyInAnyOrder("roles", "countries");

        Map<String, Object> environment = map(map(map(yaml(ROOT.resolve("docker-compose.yml")).get(0).get("services"))
                .get("reporting-service")).get("environment"));
        String realmUrl = "http://127.0.0.1:9000/realms/" + realm.get("realm") + "/protocol/openid-connect/";
        assertThat(environment.get("SPMONITOR_WEB_CLIENT_ID")).isEqualTo(LocalTokenIssuer.WEB_CLIENT_ID);
        assertThat(environment.get("SPMONITOR_AUTHORIZATION_ENDPOINT")).isEqualTo(realmUrl + "auth");
        assertThat(environment.get("SPMONITOR_TOKEN_ENDPOINT")).isEqualTo(realmUrl + "token");
        assertThat(environment.get("SPMONITOR_END_SESSION_ENDPOINT")).isEqualTo(realmUrl + "logout");
    }

    private static Map<String, Map<String, Object>> byName(Object entries, String key) {
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        list(entries).forEach(entry -> named.put(map(entry).get(key).toString(), map(entry)));
        return named;
    }

    /** The value of a client's hardcoded claim mapper (a JSON list of strings). */
    private static List<Object> hardcodedClaim(Map<String, Object> client, String claim) {
        Map<String, Object> config = list(client.get("protocolMappers")).stream().map(DeploymentFilesTest::map)
                .map(mapper -> map(mapper.get("config"))).filter(c -> claim.equals(c.get("claim.name")))
                .findFirst().orElseThrow(() -> new AssertionError(client.get("clientId") + " has no " + claim + " claim"));
        return list(new Yaml(new SafeConstructor(new LoaderOptions())).load(config.get("claim.value").toString()));
    }

    private static boolean isRead(String variable, Set<String> known) {
        if (JVM_VARIABLES.contains(variable) || BOOT_MAP_PROPERTIES.stream().anyMatch(variable::startsWith)) {
            return true;
        }
        return known.contains(variable) || known.contains(canonical(variable));
    }

    /**
     * What the services read: placeholders ({@code ${NAME}}) and keys of their configuration files, the
     * properties of their {@code @ConfigurationProperties} records, and Boot's own properties listed above.
     */
    private static Set<String> knownProperties() {
        Set<String> known = new LinkedHashSet<>(BOOT_PROPERTIES);
        known.add(canonical("spmonitor.instance-id"));
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
        Pattern properties = Pattern.compile(
                "@ConfigurationProperties\\(\"([a-z.-]+)\"\\)\\s*public record \\w+\\(([^)]*)\\)");
        for (Path file : sources()) {
            String text = read(file);
            Matcher names = placeholder.matcher(text);
            while (names.find()) {
                known.add(names.group(1));
            }
            if (file.toString().endsWith(".yml")) {
                flatten("", map(yaml(file).get(0)), known);
            }
            Matcher record = properties.matcher(text);
            while (record.find()) {
                for (String component : record.group(2).split(",")) {
                    String[] parts = component.trim().split("\\s+");
                    known.add(canonical(record.group(1) + "." + parts[parts.length - 1]));
                }
            }
        }
        return known;
    }

    private static List<Path> sources() {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("services", "libs")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(path -> path.toString().contains("/src/main/"))
                        .filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".java"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static void flatten(String prefix, Map<String, Object> tree, Set<String> known) {
        tree.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            known.add(canonical(name));
            if (value instanceof Map<?, ?>) {
                flatten(name, map(value), known);
            }
        });
    }

    /** Relaxed binding: SPMONITOR_TOKEN_ENDPOINT, spmonitor.token-endpoint and spmonitor.tokenEndpoint are one name. */
    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }

    /** The event topics of DESIGN.md, spelt out here so that the code's list is checked against them too. */
    private static List<String> eventTopics() {
        return List.of("programmes.programme-events.v1", "financing.financing-report-events.v1",
                "beneficiaries.beneficiary-count-events.v1", "beneficiaries.beneficiary-count-submissions.v1",
                "beneficiaries.submission-rejections.v1", "reporting.dashboard-updates.v1",
                "reporting.completeness-events.v1");
    }

    /** The k8s documents of one kind, by name. */
    private static Map<String, Map<String, Object>> kubernetes(String kind) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (Object resource : list(yaml(K8S.resolve("kustomization.yaml")).get(0).get("resources"))) {
            for (Map<String, Object> document : yaml(K8S.resolve(resource.toString()))) {
                if (kind.equals(document.get("kind"))) {
                    found.put(path(document, "metadata", "name").toString(), document);
                }
            }
        }
        return found;
    }

    private static Object path(Map<String, Object> document, String... keys) {
        Object current = document;
        for (String key : keys) {
            current = map(current).get(key);
        }
        return current;
    }

    private static List<Map<String, Object>> yaml(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
