package io.github.maintenancemode.sample;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page.
 */
@Controller
class HomeController {

	private final NoteRepository notes;

	HomeController(NoteRepository notes) {
		this.notes = notes;
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("notes", this.notes.findAll());
		return "home";
	}

	@PostMapping("/notes")
	String add(@RequestParam String text) {
		if (!text.isBlank() && text.length() <= 10_000) {
			this.notes.add(text.strip());
		}
		return "redirect:/";
	}

}
