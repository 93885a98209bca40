"""The application and its main window: start-up, actions, menus and toolbar, the error
handler and log, opening a library, and plugging the timeline and PET views into the
case tabs. It puts the other rooms together; none of them imports it.
"""
