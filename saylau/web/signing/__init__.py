"""Commission signing keys (Ed25519), signatures of protocols and totals, signed audit heads."""
