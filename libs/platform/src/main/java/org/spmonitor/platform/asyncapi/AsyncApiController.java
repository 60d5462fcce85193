package org.spmonitor.platform.asyncapi;

import io.swagger.v3.oas.annotations.Hidden;
import org.spmonitor.platform.PlatformProperties;
import org.spmonitor.platform.events.EventCodec;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the AsyncAPI 3.0 document of the whole Kafka contract at {@value AsyncApiDocument#PATH}, on
 * every service, without a token (like {@code /v3/api-docs}): an integrator generates a Kafka client
 * from it as from the OpenAPI document for REST.
 */
@Hidden
@RestController
public class AsyncApiController {

    private final String document;

    public AsyncApiController(EventCodec codec, PlatformProperties topics) {
        this.document = new AsyncApiDocument(codec.mapper(), topics).build().toPrettyString();
    }

    @GetMapping(path = AsyncApiDocument.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> asyncApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }
}
