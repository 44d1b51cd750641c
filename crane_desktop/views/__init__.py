"""Widgets and dialogs: the main window, one module per page, reusable widgets."""
