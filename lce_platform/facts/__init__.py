"""What the site knows, computed from the loaded content: entries and their addresses, time, indexes, history."""
