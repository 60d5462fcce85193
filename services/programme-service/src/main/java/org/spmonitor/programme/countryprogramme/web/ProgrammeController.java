package org.spmonitor.programme.countryprogramme.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;
import org.spmonitor.programme.countryprogramme.store.ProgrammeStore;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/programmes")
class ProgrammeController {

    private final ProgrammeStore store;

    ProgrammeController(ProgrammeStore store) {
        this.store = store;
    }

    @PostMapping
    ResponseEntity<ProgrammeView> register(@RequestBody ProgrammeDetails details, Principal principal) {
        Programme programme = store.register(Programme.register(details), caller(principal));
        return ResponseEntity.created(URI.create("/api/v1/programmes/" + programme.id()))
                .body(ProgrammeView.of(programme));
    }

    @GetMapping("/{id}")
    ProgrammeView get(@PathVariable String id) {
        return store.find(id).map(document -> ProgrammeView.of(document.toProgramme()))
                .orElseThrow(() -> new NotFoundException("no programme " + id));
    }

    @GetMapping
    List<ProgrammeView> list(@RequestParam(required = false) String country,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return store.list(country, Math.max(page, 0), Math.min(Math.max(size, 1), 500)).stream()
                .map(ProgrammeView::of).toList();
    }

    private static String caller(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
