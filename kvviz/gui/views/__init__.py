"""Views: widgets that each render one part of a step record (a panel, a plot, a strip, a text)."""
