"""No models: a selection lives in the visitor's browser and in the address, never here."""
