"""The Series room: several cases on one timeline, aligned on an anchor."""
