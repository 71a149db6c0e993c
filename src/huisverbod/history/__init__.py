"""The synthetic national history in the database (docs/synth.md, *National history*)."""
