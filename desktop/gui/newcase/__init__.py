"""The guided new case: one page for what every case has, saved as one undoable step."""
