"""Rules stage: checklists loaded from YAML, rule kinds, the engine, scoring and waivers."""
