"""Views of the results app: protocols, tabulation, public results."""
