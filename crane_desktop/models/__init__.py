"""Qt adapters: table and tree models fed by the engine's keyed diffs."""
