"""Case Presenter: clinical case library, therapy timelines, PET response, bilingual output."""

__version__ = "0.1.0"
