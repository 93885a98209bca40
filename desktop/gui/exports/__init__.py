"""What leaves the window as a file: PDF summaries, printing and slides (menu actions,
dialogs, background jobs, page preview), and the command line's ``figure``, drawn by the
``timeline`` and ``pet`` rooms.
"""
