"""Services of the list audit (writes): runs, their findings, resolutions."""
