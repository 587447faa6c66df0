"""Services of the register (writes): imports, registry events, voter lists, outside voting."""
