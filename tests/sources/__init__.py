"""Followed sources: polling, sitemaps, robots.txt, the commands, the API and the admin page."""
