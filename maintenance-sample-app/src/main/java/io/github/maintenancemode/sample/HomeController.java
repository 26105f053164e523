package io.github.maintenancemode.sample;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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

}
