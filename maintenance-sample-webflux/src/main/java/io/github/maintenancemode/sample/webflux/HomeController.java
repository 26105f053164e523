package io.github.maintenancemode.sample.webflux;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The home page, with a form that adds a note.
 */
@Controller
class HomeController {

	private final NoteRepository notes;

	HomeController(NoteRepository notes) {
		this.notes = notes;
	}

	/**
	 * The home page. Spring Security for WebFlux gives the CSRF token as a {@code Mono}:
	 * it is resolved here, so that the form can carry it as {@code _csrf}.
	 */
	@GetMapping("/")
	Mono<String> home(Model model, ServerWebExchange exchange) {
		model.addAttribute("notes", this.notes.findAll());
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token.doOnNext((csrf) -> model.addAttribute("_csrf", csrf)).thenReturn("home")
				: Mono.just("home");
	}

	@PostMapping("/notes")
	Mono<String> add(ServerWebExchange exchange) {
		return exchange.getFormData().map((form) -> {
			String text = form.getFirst("text");
			if (text != null && !text.isBlank() && text.length() <= 10_000) {
				this.notes.add(text.strip());
			}
			return "redirect:/";
		});
	}

}
