public enum OvnipTerminalPlaceholder {}
