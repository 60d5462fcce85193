package org.spmonitor.reporting.projection.web;

import java.net.URI;
import java.util.List;

import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.reporting.projection.ProjectionGenerations;
import org.spmonitor.reporting.projection.domain.Replay;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: rebuild the read models from offset 0 into a fresh generation, switching reads over once
 * it has caught up. {@code POST} answers 202 with the replay and its {@code Location}; a second
 * request while one runs is a 409. Admins only ({@code /api/v1/admin/**}, libs/platform security); the
 * replay records who asked: the subject of the caller's JWT.
 */
@RestController
@RequestMapping("/api/v1/admin/replays")
class ReplayController {

    private final ProjectionGenerations generations;

    ReplayController(ProjectionGenerations generations) {
        this.generations = generations;
    }

    @PostMapping
    ResponseEntity<Replay> request() {
        Replay replay = generations.requestReplay(Caller.current().name());
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/replays/" + replay.id())).body(replay);
    }

    @GetMapping("/{id}")
    Replay replay(@PathVariable String id) {
        return generations.replay(id).orElseThrow(() -> new NotFoundException("no replay " + id));
    }

    @GetMapping
    List<Replay> replays() {
        return generations.replays();
    }
}
