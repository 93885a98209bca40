"""What every room of the window shares, and nothing else: the open case and its undo
history (session, operations), background work (workers), the interface language
(i18n), remembered settings, and the parsing of typed values. It imports no room.
"""
