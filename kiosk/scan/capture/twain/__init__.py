"""TWAIN 2.x through the Data Source Manager's single C entry point ``DSM_Entry`` (ctypes).

``consts`` and ``structs`` mirror the public ``twain.h`` (2.4); ``session`` drives the TWAIN
state machine (states 1..7); ``winpump`` holds the Windows-only parent window and message pump.
"""
