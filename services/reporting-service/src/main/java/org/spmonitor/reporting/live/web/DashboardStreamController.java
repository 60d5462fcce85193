package org.spmonitor.reporting.live.web;

import org.spmonitor.reporting.live.LiveUpdates;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/dashboards/stream}: server-sent events whenever a dashboard changes. */
@RestController
class DashboardStreamController {

    private final LiveUpdates live;

    DashboardStreamController(LiveUpdates live) {
        this.live = live;
    }

    @GetMapping(path = "/api/v1/dashboards/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return live.subscribe();
    }
}
