"""The container terminal: a VT emulator behind an interface of our own (libghostty-vt through pyghostty
where it is available, pyte elsewhere), a widget painting it, and the exec socket bridge."""
