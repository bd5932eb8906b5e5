"""Outline stage: headings into an outline, the report's body and year, checklist items located."""
