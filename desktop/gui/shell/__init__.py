"""The application and its main window: start-up, menus, settings, errors, opening a
library, and plugging the feature views into the case tabs.
"""
