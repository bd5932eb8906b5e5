"""Text stage: normalising, sentences and titles, heading markers, word segmentation, places."""
