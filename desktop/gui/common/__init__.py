"""What every room of the window shares: the open case and its undo history (session,
operations), background work (workers), the interface language (i18n), settings and the
parsing of typed values.
"""
