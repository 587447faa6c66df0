"""Views of the register: thin, scoped (see selectors)."""
